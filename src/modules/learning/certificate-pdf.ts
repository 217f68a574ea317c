// Renders a certificate of completion as a one-page PDF with a QR code to its public
// verification page. Runs in the queue worker, never inside a request.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface CertificatePdfInput {
  certificateNumber: string;
  studentName: string;
  courseTitle: string;
  issuedAt: Date;
  verificationUrl: string;
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
  doc
    .lineWidth(3)
    .rect(25, 25, width - 50, height - 50)
    .stroke('#2b4a6f');
  doc.moveDown(2);
  doc.font('Helvetica-Bold').fontSize(34).fillColor('#2b4a6f').text('Certificate of Completion', { align: 'center' });
  doc.moveDown(1.2);
  doc.font('Helvetica').fontSize(16).fillColor('#333333').text('This certifies that', { align: 'center' });
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(28).fillColor('#000000').text(input.studentName, { align: 'center' });
  doc.moveDown(0.6);
  doc.font('Helvetica').fontSize(16).fillColor('#333333').text('has completed the course', { align: 'center' });
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(22).fillColor('#000000').text(input.courseTitle, { align: 'center' });
  doc.moveDown(1.2);
  doc
    .font('Helvetica')
    .fontSize(12)
    .fillColor('#333333')
    .text(`Issued ${input.issuedAt.toISOString().slice(0, 10)}`, { align: 'center' });
  doc.text(`Certificate number ${input.certificateNumber}`, { align: 'center' });

  const qrSize = 110;
  doc.image(qr, width - 60 - qrSize, height - 60 - qrSize, { width: qrSize, height: qrSize });
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(`Verify at ${input.verificationUrl}`, 60, height - 75, { width: width - 200 - qrSize });
  doc.end();
  return done;
}
