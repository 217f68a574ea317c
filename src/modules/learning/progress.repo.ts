// Every SQL statement about lesson progress and video watch spans.
import './learning.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import { prepareQuery } from '../../platform/db/index.ts';
import { toEnrollment } from './enrollment.repo.ts';
import type { EnrollmentRow, LessonProgressRow } from './learning.tables.ts';
import type { Enrollment, LessonProgress } from './learning.types.ts';

export function toLessonProgress(row: LessonProgressRow): LessonProgress {
  return {
    id: row.id,
    enrollment_id: row.enrollment_id,
    user_id: row.user_id,
    course_id: row.course_id,
    lesson_id: row.lesson_id,
    completed: row.completed,
    completed_at: row.completed_at,
    score: row.score === null ? null : Number(row.score),
    video_watched: row.video_watched,
    watched_seconds: row.watched_seconds,
    last_position_seconds: row.last_position_seconds,
    completion_percentage: Number(row.completion_percentage),
    updated_at: row.updated_at,
  };
}

export interface ProgressKey {
  enrollment_id: string;
  user_id: string;
  course_id: string;
  lesson_id: string;
}

export interface ProgressChanges {
  completed?: boolean | undefined;
  score?: number | undefined;
  video_watched?: boolean | undefined;
  watched_seconds?: number | undefined;
  last_position_seconds?: number | undefined;
  completion_percentage?: number | undefined;
}

/** What a lesson's progress was before a write (undefined when there was no row). */
export type PreviousProgress = Pick<LessonProgress, 'completed' | 'video_watched'> | undefined;

export const progressRepo = {
  /**
   * A write that sets `completed`, in one named statement: upserts the lesson's progress as
   * `upsert` does, then sets the course progress from the completed lessons among
   * `countedLessonIds` and completes an active enrolment when all are done (as
   * enrollmentRepo.applyProgress does), and returns the lesson's state before the write. Run it
   * under the enrolment's row lock, taken by an earlier statement: the count then sees every
   * completion committed before the lock was granted.
   */
  async completeAndApply(
    db: Executor,
    key: ProgressKey,
    changes: ProgressChanges & { completed: boolean },
    countedLessonIds: string[],
    now: Date,
  ): Promise<{ progress: LessonProgress; enrollment: Enrollment; previous: PreviousProgress }> {
    const row = (await completeQuery.takeFirst(
      db,
      key.enrollment_id,
      key.user_id,
      key.course_id,
      key.lesson_id,
      changes.completed,
      changes.score ?? null,
      changes.video_watched ?? null,
      changes.watched_seconds ?? null,
      changes.last_position_seconds ?? null,
      changes.completion_percentage ?? null,
      now,
      countedLessonIds,
    ))!;
    const { prev_completed, prev_video_watched, enrollment, ...progress } = row;
    return {
      progress: toLessonProgress(progress),
      enrollment: toEnrollment(enrollmentRow(enrollment)),
      previous: prev_completed === null ? undefined : { completed: prev_completed, video_watched: prev_video_watched! },
    };
  },

  /**
   * Inserts or updates one lesson's progress in a single statement. Completion keeps its first
   * time; `video_watched` never goes back to false by watching.
   */
  async upsert(db: Executor, key: ProgressKey, changes: ProgressChanges, now: Date): Promise<LessonProgress> {
    const completedAt = changes.completed === true ? now : null;
    const row = await db
      .insertInto('lesson_progress')
      .values({
        ...key,
        completed: changes.completed ?? false,
        completed_at: completedAt,
        score: changes.score ?? null,
        video_watched: changes.video_watched ?? false,
        watched_seconds: changes.watched_seconds ?? 0,
        last_position_seconds: changes.last_position_seconds ?? 0,
        completion_percentage: changes.completion_percentage ?? 0,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['enrollment_id', 'lesson_id']).doUpdateSet((eb) => ({
          ...(changes.completed === undefined
            ? {}
            : changes.completed
              ? { completed: true, completed_at: eb.fn.coalesce('lesson_progress.completed_at', eb.val(now)) }
              : { completed: false, completed_at: null }),
          ...(changes.score === undefined ? {} : { score: changes.score }),
          ...(changes.video_watched === undefined ? {} : { video_watched: changes.video_watched }),
          ...(changes.watched_seconds === undefined ? {} : { watched_seconds: changes.watched_seconds }),
          ...(changes.last_position_seconds === undefined
            ? {}
            : { last_position_seconds: changes.last_position_seconds }),
          ...(changes.completion_percentage === undefined
            ? {}
            : { completion_percentage: changes.completion_percentage }),
          updated_at: now,
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toLessonProgress(row);
  },

  async find(db: Executor, enrollmentId: string, lessonId: string): Promise<LessonProgress | undefined> {
    const row = await db
      .selectFrom('lesson_progress')
      .selectAll()
      .where('enrollment_id', '=', enrollmentId)
      .where('lesson_id', '=', lessonId)
      .executeTakeFirst();
    return row && toLessonProgress(row);
  },

  async listByEnrollment(db: Executor, enrollmentId: string): Promise<LessonProgress[]> {
    const rows = await db
      .selectFrom('lesson_progress')
      .selectAll()
      .where('enrollment_id', '=', enrollmentId)
      .orderBy('created_at')
      .execute();
    return rows.map(toLessonProgress);
  },

  async listByUser(db: Executor, userId: string, courseId?: string): Promise<LessonProgress[]> {
    let query = db.selectFrom('lesson_progress').selectAll().where('user_id', '=', userId);
    if (courseId) query = query.where('course_id', '=', courseId);
    const rows = await query.orderBy('created_at').limit(1000).execute();
    return rows.map(toLessonProgress);
  },

  async insertSpan(
    db: Executor,
    span: {
      enrollment_id: string;
      user_id: string;
      lesson_id: string;
      session_id: string | null;
      start_seconds: number;
      end_seconds: number;
    },
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('watch_spans')
      .values({ ...span, created_at: now })
      .execute();
  },

  /** Seconds of the video covered at least once: the length of the union of the spans. */
  async uniqueWatchedSeconds(db: Executor, enrollmentId: string, lessonId: string): Promise<number> {
    const { rows } = await sql<{ seconds: number }>`
      select coalesce(sum(upper(r) - lower(r)), 0)::int as seconds
      from unnest((
        select range_agg(int4range(start_seconds, end_seconds))
        from watch_spans where enrollment_id = ${enrollmentId} and lesson_id = ${lessonId}
      )) as r`.execute(db);
    return Number(rows[0]?.seconds ?? 0);
  },
};

type CompletedRow = LessonProgressRow & {
  prev_completed: boolean | null;
  prev_video_watched: boolean | null;
  /** The enrolment row as JSON (timestamps as strings). */
  enrollment: Record<keyof EnrollmentRow, unknown>;
};

function enrollmentRow(json: Record<keyof EnrollmentRow, unknown>): EnrollmentRow {
  const date = (value: unknown) => (value === null ? null : new Date(value as string));
  return {
    ...(json as unknown as EnrollmentRow),
    progress_percentage: String(json.progress_percentage),
    enrolled_at: date(json.enrolled_at)!,
    completed_at: date(json.completed_at),
    cancelled_at: date(json.cancelled_at),
    last_accessed_at: date(json.last_accessed_at),
    created_at: date(json.created_at)!,
    updated_at: date(json.updated_at)!,
  };
}

// Lesson completion's write. `prev` and the count read the rows as they were when the statement
// began (one snapshot), so this lesson is counted from the upsert's own row.
const completeQuery = prepareQuery(
  'learning_complete_lesson',
  12,
  (
    db,
    enrollmentId: string,
    userId: string,
    courseId: string,
    lessonId: string,
    completed: boolean,
    score: number | null,
    videoWatched: boolean | null,
    watchedSeconds: number | null,
    lastPosition: number | null,
    completionPercentage: number | null,
    now: Date,
    counted: string[],
  ) => ({
    compile: () =>
      sql<CompletedRow>`
        with prev as (
          select completed, video_watched from lesson_progress
          where enrollment_id = ${enrollmentId}::uuid and lesson_id = ${lessonId}::uuid
        ), up as (
          insert into lesson_progress as p (enrollment_id, user_id, course_id, lesson_id, completed, completed_at,
            score, video_watched, watched_seconds, last_position_seconds, completion_percentage, created_at, updated_at)
          values (${enrollmentId}::uuid, ${userId}::uuid, ${courseId}::uuid, ${lessonId}::uuid, ${completed}::boolean,
            case when ${completed}::boolean then ${now}::timestamptz end, ${score}::numeric,
            coalesce(${videoWatched}::boolean, false), coalesce(${watchedSeconds}::int, 0),
            coalesce(${lastPosition}::int, 0), coalesce(${completionPercentage}::numeric, 0),
            ${now}::timestamptz, ${now}::timestamptz)
          on conflict (enrollment_id, lesson_id) do update set
            completed = excluded.completed,
            completed_at = case when excluded.completed then coalesce(p.completed_at, excluded.completed_at) end,
            score = coalesce(excluded.score, p.score),
            video_watched = coalesce(${videoWatched}::boolean, p.video_watched),
            watched_seconds = coalesce(${watchedSeconds}::int, p.watched_seconds),
            last_position_seconds = coalesce(${lastPosition}::int, p.last_position_seconds),
            completion_percentage = coalesce(${completionPercentage}::numeric, p.completion_percentage),
            updated_at = excluded.updated_at
          returning p.*
        ), d as (
          select cardinality(${counted}::uuid[]) as total,
            (select count(*) from lesson_progress p where p.enrollment_id = ${enrollmentId}::uuid and p.completed
              and p.lesson_id <> ${lessonId}::uuid and p.lesson_id = any(${counted}::uuid[]))::int
            + (select count(*) from up where up.completed and up.lesson_id = any(${counted}::uuid[]))::int as done
        ), e as (
          update enrollments e set
            progress_percentage = case when d.total = 0 then 0 else least(100, round(d.done * 100.0 / d.total, 2)) end,
            status = case when e.status = 'active' and d.total > 0 and d.done >= d.total then 'completed' else e.status end,
            completed_at = case when e.status = 'active' and d.total > 0 and d.done >= d.total
              then ${now}::timestamptz else e.completed_at end,
            last_accessed_at = ${now}::timestamptz,
            updated_at = ${now}::timestamptz
          from d where e.id = ${enrollmentId}::uuid
          returning e.*
        )
        select up.*, prev.completed as prev_completed, prev.video_watched as prev_video_watched, to_jsonb(e) as enrollment
        from up cross join e left join prev on true`.compile(db),
  }),
);
