// Certificates: issued once per completed enrolment, numbered CERT-YYYY-NNNNNN without gaps,
// rendered to PDF by a job, verifiable publicly by code, revocable by admins.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { randomToken } from '../../platform/crypto.ts';
import type { DatabaseHandle, Executor, Tx } from '../../platform/db/index.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import type { Links } from '../../platform/links.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { Queue } from '../../platform/queue/index.ts';
import { certificateRepo, toCertificate } from './certificate.repo.ts';
import { enrollmentRepo } from './enrollment.repo.ts';
import { alreadyRevoked, noCertificate, notCompleted, pdfPending } from './learning.errors.ts';
import type { LearningPolicy } from './learning.policy.ts';
import type { CatalogPort, IdentityPort } from './learning.ports.ts';
import type { Certificate, CertificateStorage, CertificateVerification } from './learning.types.ts';

export const CERTIFICATE_PDF_JOB = 'learning.certificate-pdf';
const DOWNLOAD_URL_SECONDS = 300;

export interface CertificateDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
  queue: Queue;
  catalog: Pick<CatalogPort, 'getCourseSummary'>;
  policy: LearningPolicy;
  identity: IdentityPort;
  storage: CertificateStorage;
  links: Pick<Links, 'certificateVerification'>;
}

export const formatCertificateNumber = (year: number, n: number) => `CERT-${year}-${String(n).padStart(6, '0')}`;

export function createCertificateService({
  database,
  clock,
  events,
  queue,
  catalog,
  policy,
  identity,
  storage,
  links,
}: CertificateDeps) {
  const db = database.db;
  const verificationUrl = (code: string) => links.certificateVerification(code);

  async function getVisibleRow(actor: Actor, id: string) {
    const row = await certificateRepo.findRow(db, id);
    if (!row) throw notFound('Certificate', id);
    if (await policy.canReadCertificate(actor, row)) return row;
    throw notFound('Certificate', id);
  }

  /** The name printed on the certificate, read inside the issuing transaction. */
  async function studentName(tx: Tx, userId: string): Promise<string> {
    const [user] = await identity.getUserSummaries([userId], tx);
    return user?.full_name || user?.email || 'Student';
  }

  return {
    verificationUrl,

    /**
     * Issues the certificate of a completed enrolment, or returns the one already issued
     * (`created: false`). The enrolment row lock makes simultaneous requests yield one.
     */
    async generate(actor: Actor, enrollmentId: string): Promise<{ certificate: Certificate; created: boolean }> {
      const enrollment = await enrollmentRepo.findById(db, enrollmentId);
      if (!enrollment || !policy.canIssueCertificate(actor, enrollment)) throw notFound('Enrollment', enrollmentId);
      const course = await catalog.getCourseSummary(enrollment.course_id);
      if (!course) throw notFound('Course', enrollment.course_id);
      if (!course.has_certificate) throw noCertificate();
      return database.transaction(async (tx) => {
        const locked = await enrollmentRepo.lockById(tx, enrollmentId);
        if (!locked) throw notFound('Enrollment', enrollmentId);
        const existing = await certificateRepo.findByEnrollment(tx, locked.id);
        if (existing) return { certificate: toCertificate(existing), created: false };
        if (locked.status !== 'completed') throw notCompleted();
        const now = clock.now();
        const year = now.getUTCFullYear();
        const number = await certificateRepo.nextNumber(tx, year);
        const row = await certificateRepo.insert(tx, {
          enrollment_id: locked.id,
          user_id: locked.user_id,
          course_id: locked.course_id,
          certificate_number: formatCertificateNumber(year, number),
          verification_code: randomToken(18),
          course_title: course.title,
          student_name: await studentName(tx, locked.user_id),
          issued_at: now,
        });
        await queue.send(CERTIFICATE_PDF_JOB, { certificateId: row.id }, { tx });
        await events.publish(tx, 'learning.certificate.issued', {
          enrollment_id: row.enrollment_id,
          user_id: row.user_id,
          course_id: row.course_id,
          certificate_id: row.id,
          certificate_number: row.certificate_number,
          course_title: row.course_title,
        });
        return { certificate: toCertificate(row), created: true };
      });
    },

    async get(actor: Actor, id: string): Promise<Certificate> {
      return toCertificate(await getVisibleRow(actor, id));
    },

    /** The public verification link of a certificate (the completion mail carries it). */
    async verificationLink(id: string, executor: Executor = db): Promise<string | undefined> {
      const row = await certificateRepo.findRow(executor, id);
      return row ? verificationUrl(row.verification_code) : undefined;
    },

    async listMine(actor: Actor, options: PageRequest): Promise<Paged<Certificate>> {
      return certificateRepo.listByUser(db, actor.id, options);
    },

    /** A short-lived signed URL of the PDF; a conflict until the job has rendered it. */
    async downloadUrl(actor: Actor, id: string): Promise<string> {
      const row = await getVisibleRow(actor, id);
      if (!row.pdf_key) throw pdfPending();
      return storage.signedDownloadUrl(row.pdf_key, {
        expiresInSeconds: DOWNLOAD_URL_SECONDS,
        filename: `${row.certificate_number}.pdf`,
      });
    },

    async revoke(actor: Actor, id: string, reason: string | undefined): Promise<Certificate> {
      if (!policy.canRevokeCertificate(actor)) throw forbidden();
      const row = await certificateRepo.revoke(db, id, actor.id, reason ?? null, clock.now());
      if (row) return toCertificate(row);
      if (await certificateRepo.findRow(db, id)) throw alreadyRevoked();
      throw notFound('Certificate', id);
    },

    /** The public check behind the QR code: holder, course, date, valid or revoked. */
    async verify(code: string): Promise<CertificateVerification> {
      const row = await certificateRepo.findByCode(db, code);
      if (!row) throw notFound('Certificate', code);
      return {
        valid: row.revoked_at === null,
        status: row.revoked_at === null ? 'valid' : 'revoked',
        certificate_number: row.certificate_number,
        holder_name: row.student_name,
        course_title: row.course_title,
        issued_at: row.issued_at,
        revoked_at: row.revoked_at,
      };
    },

    /** The PDF job: renders once and stores it; re-running after a crash is harmless. */
    async renderPdf(certificateId: string): Promise<void> {
      const row = await certificateRepo.findRow(db, certificateId);
      if (!row || row.pdf_key) return;
      // Loaded on first use: pdfkit, fontkit and the fonts are needed only by the worker's job.
      const { renderCertificatePdf } = await import('./certificate-pdf.ts');
      const pdf = await renderCertificatePdf({
        certificateNumber: row.certificate_number,
        studentName: row.student_name,
        courseTitle: row.course_title,
        issuedAt: row.issued_at,
        verificationUrl: verificationUrl(row.verification_code),
      });
      const key = `certificates/${row.id}.pdf`;
      await storage.put(key, pdf, { contentType: 'application/pdf' });
      await certificateRepo.markPdfReady(db, row.id, key, clock.now());
    },
  };
}

export type CertificateService = ReturnType<typeof createCertificateService>;
