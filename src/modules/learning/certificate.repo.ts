// Every SQL statement about certificates and their yearly number counters.
import './learning.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import type { PageRequest } from '../../platform/paging.ts';
import type { CertificateRow } from './learning.tables.ts';
import type { Certificate } from './learning.types.ts';

export function toCertificate(row: CertificateRow): Certificate {
  return {
    id: row.id,
    enrollment_id: row.enrollment_id,
    user_id: row.user_id,
    course_id: row.course_id,
    certificate_number: row.certificate_number,
    verification_code: row.verification_code,
    course_title: row.course_title,
    student_name: row.student_name,
    issued_at: row.issued_at,
    pdf_ready: row.pdf_ready_at !== null,
    revoked_at: row.revoked_at,
    revoke_reason: row.revoke_reason,
  };
}

export const certificateRepo = {
  async findRow(db: Executor, id: string): Promise<CertificateRow | undefined> {
    return db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findByEnrollment(db: Executor, enrollmentId: string): Promise<CertificateRow | undefined> {
    return db.selectFrom('certificates').selectAll().where('enrollment_id', '=', enrollmentId).executeTakeFirst();
  },

  async findByCode(db: Executor, code: string): Promise<CertificateRow | undefined> {
    return db.selectFrom('certificates').selectAll().where('verification_code', '=', code).executeTakeFirst();
  },

  /**
   * Takes the next number of `year`. The counter row stays locked until the caller's transaction
   * ends, and a rolled-back transaction rolls its number back: the sequence has no gaps.
   */
  async nextNumber(db: Executor, year: number): Promise<number> {
    const row = await db
      .insertInto('certificate_counters')
      .values({ year, last_number: 1 })
      .onConflict((oc) =>
        oc.column('year').doUpdateSet((eb) => ({ last_number: eb('certificate_counters.last_number', '+', 1) })),
      )
      .returning('last_number')
      .executeTakeFirstOrThrow();
    return row.last_number;
  },

  async insert(
    db: Executor,
    values: Pick<
      CertificateRow,
      | 'enrollment_id'
      | 'user_id'
      | 'course_id'
      | 'certificate_number'
      | 'verification_code'
      | 'course_title'
      | 'student_name'
      | 'issued_at'
    >,
  ): Promise<CertificateRow> {
    return db.insertInto('certificates').values(values).returningAll().executeTakeFirstOrThrow();
  },

  async listByUser(db: Executor, userId: string, page: PageRequest) {
    const base = db.selectFrom('certificates').where('user_id', '=', userId);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('issued_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toCertificate), total: Number(count.total) };
  },

  async markPdfReady(db: Executor, id: string, key: string, now: Date): Promise<void> {
    await db.updateTable('certificates').set({ pdf_key: key, pdf_ready_at: now }).where('id', '=', id).execute();
  },

  async revoke(
    db: Executor,
    id: string,
    by: string,
    reason: string | null,
    now: Date,
  ): Promise<CertificateRow | undefined> {
    return db
      .updateTable('certificates')
      .set({ revoked_at: now, revoked_by: by, revoke_reason: reason })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },
};
