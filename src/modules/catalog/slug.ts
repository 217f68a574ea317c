// URL slugs from titles and names.
import { randomBytes } from 'node:crypto';

/** "Café & Guitar 101!" → "cafe-guitar-101"; never empty. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
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
