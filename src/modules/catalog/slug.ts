// URL slugs from titles and names, in any script: any-ascii transliterates (Cyrillic, Greek,
// Chinese, Japanese, Korean, Arabic...) so a non-Latin title keeps a readable, unique slug.
import { randomBytes } from 'node:crypto';

import anyAscii from 'any-ascii';

/** Scripts written without spaces between syllables: each character becomes its own word. */
const SYLLABIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** "Café & Guitar 101!" → "cafe-guitar-101", "Русский язык" → "russkiy-yazyk", "中文入门" → "zhong-wen-ru-men"; never empty. */
export function slugify(text: string): string {
  const slug = anyAscii(text.replace(SYLLABIC, (ch) => ` ${ch} `))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return slug || 'course';
}

/** A variant for when the plain slug is taken. */
export function slugVariant(base: string): string {
  return `${base}-${randomBytes(3).toString('hex')}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);
