// Certificates with their public verification link, and the verification answer as JSON or, for a
// browser following the PDF's QR code, as a small HTML page.
import type { Certificate, CertificateVerification } from '../../../modules/learning/index.ts';

export function toCertificateOut(certificate: Certificate, verificationUrl: (code: string) => string) {
  return { ...certificate, verification_url: verificationUrl(certificate.verification_code) };
}

/** Whether the client asked for HTML before JSON (a browser opening the QR code's link). */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('application/json');
  return html !== -1 && (json === -1 || html < json);
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function toVerificationPage(v: CertificateVerification): string {
  const status = v.valid ? 'Valid certificate' : 'Revoked certificate';
  const colour = v.valid ? '#1a7f37' : '#b42318';
  const revoked = v.revoked_at ? `<p>Revoked on ${v.revoked_at.toISOString().slice(0, 10)}</p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(v.certificate_number)}: ${status}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}h1{color:${colour}}dt{font-weight:600;margin-top:.8rem}</style></head>
<body><h1>${status}</h1>${revoked}<dl>
<dt>Certificate number</dt><dd>${escapeHtml(v.certificate_number)}</dd>
<dt>Holder</dt><dd>${escapeHtml(v.holder_name)}</dd>
<dt>Course</dt><dd>${escapeHtml(v.course_title)}</dd>
<dt>Issued</dt><dd>${v.issued_at.toISOString().slice(0, 10)}</dd>
</dl></body></html>`;
}
