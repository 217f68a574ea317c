// Renders a certificate of completion as a one-page PDF with a QR code to its public
// verification page. Runs in the queue worker, never inside a request. Every line is laid out by
// hand (runs of embedded Noto faces, centred on a shared baseline) so names in any script render.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

import type { FontWeight } from './certificate-fonts.ts';
import { fontFace, fontRuns } from './certificate-fonts.ts';

export interface CertificatePdfInput {
  certificateNumber: string;
  studentName: string;
  courseTitle: string;
  issuedAt: Date;
  verificationUrl: string;
}

interface LineStyle {
  weight: FontWeight;
  size: number;
  color: string;
  /** Long text shrinks down to this size before it wraps. */
  minSize?: number;
}

type Doc = PDFKit.PDFDocument;

function useFont(doc: Doc, name: string, registered: Set<string>): void {
  if (!registered.has(name)) {
    // pdfkit takes a parsed fontkit face as well as bytes (its types know only bytes).
    doc.registerFont(name, fontFace(name) as unknown as Buffer);
    registered.add(name);
  }
  doc.font(name);
}

/** Draws `text` centred between `left` and `left + width`, baseline at `y`; returns the next baseline. */
function centredText(
  doc: Doc,
  registered: Set<string>,
  text: string,
  y: number,
  style: LineStyle,
  left: number,
  width: number,
): number {
  const runs = fontRuns(text.replace(/\s+/gu, ' ').trim(), style.weight);
  const widthAt = (size: number, parts: typeof runs) =>
    parts.reduce((sum, run) => {
      useFont(doc, run.font, registered);
      return sum + doc.fontSize(size).widthOfString(run.text);
    }, 0);
  let size = style.size;
  const minSize = style.minSize ?? style.size;
  while (size > minSize && widthAt(size, runs) > width) size -= 1;
  doc.fillColor(style.color);
  let baseline = y;
  for (const line of wrapRuns(runs, (parts) => widthAt(size, parts) <= width)) {
    let x = left + (width - widthAt(size, line)) / 2;
    for (const run of line) {
      useFont(doc, run.font, registered);
      doc.fontSize(size).text(run.text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
      x += doc.widthOfString(run.text);
    }
    baseline += size * 1.3;
  }
  return baseline;
}

/** Greedy word wrap over font runs: breaks at spaces, or anywhere in text without spaces (CJK). */
function wrapRuns(runs: ReturnType<typeof fontRuns>, fits: (parts: ReturnType<typeof fontRuns>) => boolean) {
  const chars = runs.flatMap((run) => [...run.text].map((char) => ({ char, font: run.font })));
  const lines: ReturnType<typeof fontRuns>[] = [];
  const join = (slice: typeof chars) =>
    slice.reduce<ReturnType<typeof fontRuns>>((parts, { char, font }) => {
      const last = parts.at(-1);
      if (last && last.font === font) last.text += char;
      else parts.push({ text: char, font });
      return parts;
    }, []);
  let start = 0;
  while (start < chars.length) {
    let end = chars.length;
    while (end > start + 1 && !fits(join(chars.slice(start, end)))) {
      const space = chars.slice(start, end - 1).findLastIndex((c) => c.char === ' ');
      end = space > 0 ? start + space : end - 1;
    }
    lines.push(join(chars.slice(start, end)));
    start = end;
    while (chars[start]?.char === ' ') start += 1;
  }
  return lines;
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const qr = await QRCode.toBuffer(input.verificationUrl, {
    type: 'png',
    margin: 1,
    width: 240,
    errorCorrectionLevel: 'M',
  });
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 50,
    info: { Title: `Certificate ${input.certificateNumber}`, Author: 'Lectern', Subject: input.courseTitle },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const { width, height } = doc.page;
  const left = 70;
  const textWidth = width - 2 * left;
  const registered = new Set<string>();
  const line = (text: string, y: number, style: LineStyle) =>
    centredText(doc, registered, text, y, style, left, textWidth);

  doc
    .lineWidth(3)
    .rect(25, 25, width - 50, height - 50)
    .stroke('#2b4a6f');
  let y = line('Certificate of Completion', 130, { weight: 'bold', size: 34, color: '#2b4a6f' });
  y = line('This certifies that', y + 30, { weight: 'regular', size: 16, color: '#333333' });
  y = line(input.studentName, y + 30, { weight: 'bold', size: 30, minSize: 16, color: '#000000' });
  y = line('has completed the course', y + 14, { weight: 'regular', size: 16, color: '#333333' });
  y = line(input.courseTitle, y + 26, { weight: 'bold', size: 22, minSize: 14, color: '#000000' });
  y = line(`Issued ${input.issuedAt.toISOString().slice(0, 10)}`, y + 24, {
    weight: 'regular',
    size: 12,
    color: '#333333',
  });
  line(`Certificate number ${input.certificateNumber}`, y, { weight: 'regular', size: 12, color: '#333333' });

  const qrSize = 110;
  doc.image(qr, width - 60 - qrSize, height - 60 - qrSize, { width: qrSize, height: qrSize });
  useFont(doc, fontRuns('Verify', 'regular')[0]!.font, registered);
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(`Verify at ${input.verificationUrl}`, 60, height - 75, { width: width - 200 - qrSize });
  doc.end();
  return done;
}
