// Every SQL statement about assignments and their submissions.
import './assessment.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import type { PageRequest } from '../../platform/paging.ts';
import type { AssignmentRow, LatePolicy, SubmissionRow, SubmissionStatus } from './assessment.tables.ts';
import type { Assignment, Submission } from './assessment.types.ts';

const num = (value: string | null) => (value === null ? null : Number(value));

export function toAssignment(
  row: AssignmentRow & { submissions_count?: number | string | null; graded_count?: number | string | null },
): Assignment {
  return {
    id: row.id,
    course_id: row.course_id,
    lesson_id: row.lesson_id,
    title: row.title,
    description: row.description,
    due_at: row.due_at,
    max_score: Number(row.max_score),
    late_policy: row.late_policy,
    late_penalty_percentage: Number(row.late_penalty_percentage),
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
    submissions_count: Number(row.submissions_count ?? 0),
    graded_count: Number(row.graded_count ?? 0),
  };
}

export function toSubmission(row: SubmissionRow): Submission {
  return { ...row, score: num(row.score), final_score: num(row.final_score) };
}

type AssignmentValues = {
  lesson_id?: string | null;
  title?: string;
  description?: string;
  due_at?: Date | string | null;
  max_score?: number;
  late_policy?: LatePolicy;
  late_penalty_percentage?: number;
};

export const assignmentRepo = {
  base(db: Executor) {
    return db
      .selectFrom('assignments as a')
      .selectAll('a')
      .select((eb) => [
        eb
          .selectFrom('assignment_submissions as s')
          .whereRef('s.assignment_id', '=', 'a.id')
          .select(eb.fn.countAll<number>().as('n'))
          .as('submissions_count'),
        eb
          .selectFrom('assignment_submissions as s')
          .whereRef('s.assignment_id', '=', 'a.id')
          .where('s.status', '=', 'graded')
          .select(eb.fn.countAll<number>().as('n'))
          .as('graded_count'),
      ]);
  },

  /** Assignments due in (from, to], for due-date reminders. */
  listDueBetween(db: Executor, from: Date, to: Date) {
    return db
      .selectFrom('assignments')
      .select(['id', 'course_id', 'title', 'due_at'])
      .where('due_at', '>', from)
      .where('due_at', '<=', to)
      .orderBy('due_at')
      .execute();
  },

  async submitterIds(db: Executor, assignmentId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('assignment_submissions')
      .select('user_id')
      .where('assignment_id', '=', assignmentId)
      .execute();
    return rows.map((row) => row.user_id);
  },

  async findById(db: Executor, id: string): Promise<Assignment | undefined> {
    const row = await this.base(db).where('a.id', '=', id).executeTakeFirst();
    return row && toAssignment(row);
  },

  async listForCourse(db: Executor, courseId: string, page: PageRequest) {
    const [rows, count] = await Promise.all([
      this.base(db)
        .where('a.course_id', '=', courseId)
        .orderBy('a.due_at', (ob) => ob.asc().nullsLast())
        .orderBy('a.created_at')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      db
        .selectFrom('assignments')
        .where('course_id', '=', courseId)
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toAssignment), total: Number(count.total) };
  },

  /** Assignments of these courses (every course when null), soonest due first. */
  async listForCourses(db: Executor, courseIds: readonly string[] | null, page: PageRequest) {
    if (courseIds?.length === 0) return { items: [], total: 0 };
    const [rows, count] = await Promise.all([
      (courseIds ? this.base(db).where('a.course_id', 'in', courseIds) : this.base(db))
        .orderBy('a.due_at', (ob) => ob.asc().nullsLast())
        .orderBy('a.created_at')
        .orderBy('a.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      (courseIds ? db.selectFrom('assignments').where('course_id', 'in', courseIds) : db.selectFrom('assignments'))
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toAssignment), total: Number(count.total) };
  },

  async insert(
    db: Executor,
    values: AssignmentValues & { course_id: string; title: string; created_by: string },
    now: Date,
  ): Promise<string> {
    const row = await db
      .insertInto('assignments')
      .values({ ...values, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async update(db: Executor, id: string, values: AssignmentValues, now: Date): Promise<void> {
    await db
      .updateTable('assignments')
      .set({ ...values, updated_at: now })
      .where('id', '=', id)
      .execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('assignments').where('id', '=', id).execute();
  },

  async findSubmission(db: Executor, id: string, lock = false): Promise<Submission | undefined> {
    let query = db.selectFrom('assignment_submissions').selectAll().where('id', '=', id);
    if (lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row && toSubmission(row);
  },

  async findSubmissionOf(
    db: Executor,
    assignmentId: string,
    userId: string,
    lock = false,
  ): Promise<Submission | undefined> {
    let query = db
      .selectFrom('assignment_submissions')
      .selectAll()
      .where('assignment_id', '=', assignmentId)
      .where('user_id', '=', userId);
    if (lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row && toSubmission(row);
  },

  async insertSubmission(
    db: Executor,
    values: {
      assignment_id: string;
      user_id: string;
      content: string | null;
      file_id: string | null;
      is_late: boolean;
    },
    now: Date,
  ): Promise<Submission> {
    const row = await db
      .insertInto('assignment_submissions')
      .values({ ...values, submitted_at: now, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubmission(row);
  },

  /** A resubmission replaces the work and clears the previous grade. */
  async resubmit(
    db: Executor,
    id: string,
    values: { content: string | null; file_id: string | null; is_late: boolean },
    now: Date,
  ): Promise<Submission> {
    const row = await db
      .updateTable('assignment_submissions')
      .set((eb) => ({
        ...values,
        status: 'submitted' as SubmissionStatus,
        submission_count: eb('submission_count', '+', 1),
        score: null,
        final_score: null,
        graded_by: null,
        graded_at: null,
        submitted_at: now,
        updated_at: now,
      }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubmission(row);
  },

  async grade(
    db: Executor,
    id: string,
    values: {
      status: SubmissionStatus;
      score: number;
      final_score: number;
      feedback: string | null;
      graded_by: string;
    },
    now: Date,
  ): Promise<Submission> {
    const row = await db
      .updateTable('assignment_submissions')
      .set({ ...values, graded_at: now, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubmission(row);
  },

  async listSubmissions(
    db: Executor,
    assignmentId: string,
    filter: { status?: SubmissionStatus | undefined },
    page: PageRequest,
  ) {
    let query = db.selectFrom('assignment_submissions').where('assignment_id', '=', assignmentId);
    if (filter.status) query = query.where('status', '=', filter.status);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('submitted_at').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toSubmission), total: Number(count.total) };
  },
};
