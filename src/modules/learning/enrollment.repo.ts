// Every SQL statement about enrolments and their payments.
import './learning.tables.ts';

import type { Expression, RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import { prepareQuery } from '../../platform/db/index.ts';
import type { PageRequest } from '../../platform/paging.ts';
import type { EnrollmentRow } from './learning.tables.ts';
import type { Enrollment, EnrollmentStatus, PaymentStatus } from './learning.types.ts';

export function toEnrollment(row: EnrollmentRow): Enrollment {
  return { ...row, progress_percentage: Number(row.progress_percentage) };
}

/**
 * "The user holds a live (not cancelled) enrolment in the course" as a condition another module's
 * statement embeds, so the enrolment table stays this module's while an exam start is one
 * statement. Same rule as `isEnrolled`.
 */
export function enrolledCondition(userId: string, courseId: Expression<string>): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from enrollments e where e.user_id = ${userId} and e.course_id = ${courseId} and e.status <> 'cancelled')`;
}

export const enrollmentRepo = {
  async findById(db: Executor, id: string): Promise<Enrollment | undefined> {
    const row = await db.selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEnrollment(row);
  },

  /** Locks the row for the rest of the transaction: progress and certificates serialise on it. */
  async lockById(db: Executor, id: string): Promise<Enrollment | undefined> {
    const row = await lockQuery.takeFirst(db, id);
    return row && toEnrollment(row);
  },

  async findByUserAndCourse(
    db: Executor,
    userId: string,
    courseId: string,
    lock = false,
  ): Promise<Enrollment | undefined> {
    let query = db
      .selectFrom('enrollments')
      .selectAll()
      .where('user_id', '=', userId)
      .where('course_id', '=', courseId);
    if (lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row && toEnrollment(row);
  },

  async insert(
    db: Executor,
    values: { user_id: string; course_id: string; payment_status: PaymentStatus; granted_by: string | null },
    now: Date,
  ): Promise<Enrollment> {
    const row = await db
      .insertInto('enrollments')
      .values({ ...values, enrolled_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEnrollment(row);
  },

  /** Brings a cancelled enrolment back; the progress made before stays. */
  async reactivate(
    db: Executor,
    id: string,
    paymentStatus: PaymentStatus,
    grantedBy: string | null,
    now: Date,
  ): Promise<Enrollment> {
    const row = await db
      .updateTable('enrollments')
      .set((eb) => ({
        status: eb
          .case()
          .when('progress_percentage', '>=', '100')
          .then('completed' as EnrollmentStatus)
          .else('active' as EnrollmentStatus)
          .end(),
        payment_status: paymentStatus,
        granted_by: grantedBy,
        enrolled_at: now,
        cancelled_at: null,
        updated_at: now,
      }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEnrollment(row);
  },

  async update(
    db: Executor,
    id: string,
    changes: Partial<
      Pick<EnrollmentRow, 'status' | 'payment_status' | 'completed_at' | 'cancelled_at' | 'last_accessed_at'>
    > & {
      progress_percentage?: number;
    },
    now: Date,
  ): Promise<Enrollment> {
    const row = await db
      .updateTable('enrollments')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEnrollment(row);
  },

  /**
   * Sets the course progress from the completed lessons among `countedLessonIds` and completes
   * an active enrolment when all are done, in one statement.
   */
  async applyProgress(db: Executor, id: string, countedLessonIds: string[], now: Date): Promise<Enrollment> {
    const total = countedLessonIds.length;
    const done =
      total === 0
        ? sql<number>`0`
        : sql<number>`(select count(*)::int from lesson_progress
            where enrollment_id = ${id} and completed and lesson_id in (${sql.join(countedLessonIds)}))`;
    const { rows } = await sql<EnrollmentRow>`
      update enrollments e set
        progress_percentage = case when ${total}::int = 0 then 0 else least(100, round(d.done * 100.0 / ${total}::int, 2)) end,
        status = case when e.status = 'active' and ${total}::int > 0 and d.done >= ${total}::int then 'completed' else e.status end,
        completed_at = case when e.status = 'active' and ${total}::int > 0 and d.done >= ${total}::int then ${now}::timestamptz else e.completed_at end,
        last_accessed_at = ${now}::timestamptz,
        updated_at = ${now}::timestamptz
      from (select ${done} as done) d
      where e.id = ${id}
      returning e.*`.execute(db);
    return toEnrollment(rows[0]!);
  },

  async touch(db: Executor, id: string, now: Date): Promise<void> {
    await db.updateTable('enrollments').set({ last_accessed_at: now }).where('id', '=', id).execute();
  },

  async listByUser(db: Executor, userId: string, status: EnrollmentStatus | undefined, page: PageRequest) {
    let base = db.selectFrom('enrollments').where('user_id', '=', userId);
    if (status) base = base.where('status', '=', status);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('enrolled_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toEnrollment), total: Number(count.total) };
  },

  /** Students of a course still working through it (reminders). */
  async activeStudentIds(db: Executor, courseId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('enrollments')
      .select('user_id')
      .where('course_id', '=', courseId)
      .where('status', '=', 'active')
      .execute();
    return rows.map((row) => row.user_id);
  },

  async listByCourse(db: Executor, courseId: string, status: EnrollmentStatus | undefined, page: PageRequest) {
    let base = db.selectFrom('enrollments').where('course_id', '=', courseId);
    if (status) base = base.where('status', '=', status);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('enrolled_at', 'asc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toEnrollment), total: Number(count.total) };
  },

  /**
   * One row per student with an active or completed enrolment in these courses (every course when
   * null): how many of them, the average progress, and the latest access. Most recent first.
   */
  async studentsOfCourses(db: Executor, courseIds: readonly string[] | null, page: PageRequest) {
    if (courseIds?.length === 0) return { items: [], total: 0 };
    let base = db.selectFrom('enrollments').where('status', '<>', 'cancelled');
    if (courseIds) base = base.where('course_id', 'in', courseIds);
    const lastActivity = sql<Date>`max(coalesce(last_accessed_at, enrolled_at))`;
    const [rows, count] = await Promise.all([
      base
        .select((eb) => [
          'user_id',
          eb.fn.countAll<number>().as('enrolled_courses'),
          eb.fn.avg<string>('progress_percentage').as('average_progress'),
          lastActivity.as('last_activity'),
        ])
        .groupBy('user_id')
        .orderBy(lastActivity, 'desc')
        .orderBy('user_id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base.select(sql<number>`count(distinct user_id)`.as('total')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((row) => ({
        user_id: row.user_id,
        enrolled_courses: Number(row.enrolled_courses),
        average_progress: Math.round(Number(row.average_progress) * 100) / 100,
        last_activity: new Date(row.last_activity),
      })),
      total: Number(count.total),
    };
  },

  /** Which of these courses the user is actively enrolled in (or has completed). */
  async enrolledCourseIds(db: Executor, userId: string, courseIds: readonly string[]): Promise<string[]> {
    if (courseIds.length === 0) return [];
    const rows = await db
      .selectFrom('enrollments')
      .select('course_id')
      .where('user_id', '=', userId)
      .where('course_id', 'in', courseIds)
      .where('status', '<>', 'cancelled')
      .execute();
    return rows.map((row) => row.course_id);
  },

  async insertPayment(
    db: Executor,
    values: { enrollment_id: string; amount: string; currency: string; reference: string | null; recorded_by: string },
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('enrollment_payments')
      .values({ ...values, recorded_at: now })
      .execute();
  },

  async markPaymentsRefunded(db: Executor, enrollmentId: string, now: Date): Promise<void> {
    await db
      .updateTable('enrollment_payments')
      .set({ refunded_at: now })
      .where('enrollment_id', '=', enrollmentId)
      .where('refunded_at', 'is', null)
      .execute();
  },
};

// Every progress write and certificate issue starts with this lock: a named statement.
const lockQuery = prepareQuery('learning_enrollment_lock', 1, (db, id: string) =>
  db.selectFrom('enrollments').selectAll().where('id', '=', id).forUpdate(),
);
