// Reads generated PDFs back as a viewer would: pdf.js extracts the text (through the fonts'
// ToUnicode maps), grouped into lines with their horizontal extent, for layout checks.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfLine {
  text: string;
  /** Left and right edge in PDF points. */
  left: number;
  right: number;
}

export interface PdfPage {
  width: number;
  lines: PdfLine[];
}

export async function readPdfPages(pdf: Buffer): Promise<PdfPage[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    const byBaseline = new Map<number, { text: string; left: number; right: number }[]>();
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const [, , , , x, y] = item.transform as number[];
      const key = Math.round(y!);
      const parts = byBaseline.get(key) ?? [];
      parts.push({ text: item.str, left: x!, right: x! + item.width });
      byBaseline.set(key, parts);
    }
    const lines = [...byBaseline.entries()]
      .sort(([a], [b]) => b - a)
      .map(([, parts]) => {
        parts.sort((a, b) => a.left - b.left);
        return {
          text: parts.map((part) => part.text).join(''),
          left: parts[0]!.left,
          right: Math.max(...parts.map((part) => part.right)),
        };
      });
    pages.push({ width: page.view[2]! - page.view[0]!, lines });
  }
  await document.destroy();
  return pages;
}
