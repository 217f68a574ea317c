// Fonts for generated documents: Noto Sans (Latin, Greek, Cyrillic) with Noto Sans Hans as the
// fallback for CJK, both shipped by npm packages and embedded (subset) in each PDF. A name such as
// "李雷 Łukasz Żółć Дмитрий" is split into runs, each drawn with the first font that has its glyphs.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as fontkit from 'fontkit';

export type FontWeight = 'regular' | 'bold';

/** A parsed face, kept for the process: fontkit decodes its tables lazily and caches them. */
type FontFace = fontkit.Font;

const FILES: Record<string, Record<FontWeight, string>> = {
  '@embedpdf/fonts-latin': { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  '@embedpdf/fonts-sc': { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' },
};

function fontPath(pkg: string, file: string): string {
  // The packages export only their JS index; the fonts sit in `fonts/` beside `dist/`.
  return join(dirname(fileURLToPath(import.meta.resolve(pkg))), '..', 'fonts', file);
}

// Loaded on first use and kept: the CJK face is 8 MB, so it is read only when a document needs it.
const cache = new Map<string, FontFace>();

function face(pkg: string, weight: FontWeight): FontFace {
  const key = `${pkg}:${weight}`;
  let loaded = cache.get(key);
  if (!loaded) {
    const parsed = fontkit.create(readFileSync(fontPath(pkg, FILES[pkg]![weight])));
    if (!('hasGlyphForCodePoint' in parsed)) throw new Error(`${key} is a font collection`);
    loaded = parsed;
    cache.set(key, loaded);
  }
  return loaded;
}

const CHAIN = Object.keys(FILES);

export interface TextRun {
  text: string;
  /** The face's name: register it with `doc.registerFont(name, fontFace(name))`. */
  font: string;
}

function firstFaceWith(codePoint: number, weight: FontWeight): string | undefined {
  // In chain order, so the 8 MB CJK face is read only when a character needs it.
  for (const pkg of CHAIN) if (face(pkg, weight).hasGlyphForCodePoint(codePoint)) return `${pkg}:${weight}`;
  return undefined;
}

/**
 * Splits text into runs of one face each: the first face of the chain that has a character's
 * glyph; whitespace and characters no face has stay with the current run.
 */
export function fontRuns(text: string, weight: FontWeight): TextRun[] {
  const runs: TextRun[] = [];
  for (const char of text) {
    const previous = runs.at(-1);
    const current = previous?.font ?? `${CHAIN[0]!}:${weight}`;
    const font = /\s/u.test(char) ? current : (firstFaceWith(char.codePointAt(0)!, weight) ?? current);
    if (previous && previous.font === font) previous.text += char;
    else runs.push({ text: char, font });
  }
  return runs;
}

/**
 * The parsed face named by `fontRuns`, for pdfkit (which subsets and embeds what a document uses).
 * Handing over the parsed face, not the file, saves re-parsing it for every document.
 */
export function fontFace(name: string): FontFace {
  const [pkg, weight] = name.split(':') as [string, FontWeight];
  return face(pkg, weight);
}
