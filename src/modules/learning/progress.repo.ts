// Every SQL statement about lesson progress and video watch spans.
import './learning.tables.ts';

import type { Expression, RawBuilder } from 'kysely';
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import { prepareQuery } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/index.ts';
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
   * A write that sets `completed`, in one named statement: locks the enrolment, checks it is the
   * actor's, not cancelled and holds the lesson, upserts the lesson's progress as `upsert` does,
   * sets the course progress from the completed lessons among those it counts and completes an
   * active enrolment when all are done (as enrollmentRepo.applyProgress does). Nothing is written
   * when a check fails, nor when the enrolment changed between the statement's snapshot and its
   * lock (`fresh` false: its counts would miss that change); the caller then runs it again in a
   * transaction, which after its first run holds the lock. The events of what it achieved for the
   * first time (a lesson completed, a video watched, the course completed) go into the outbox in
   * the same statement, so it may run on its own (autocommit): the write and its events commit
   * together.
   */
  async completeOwn(
    db: Executor,
    lessons: LessonSql,
    events: EventSqlPort,
    ref: { enrollmentId: string; actorId: string; lessonId: string },
    changes: ProgressChanges & { completed: boolean },
    now: Date,
  ): Promise<CompleteOutcome> {
    completeQuery ??= buildCompleteQuery(lessons, events);
    const row = (await completeQuery.takeFirst(
      db,
      ref.enrollmentId,
      ref.actorId,
      ref.lessonId,
      changes.completed,
      changes.score ?? null,
      changes.video_watched ?? null,
      changes.watched_seconds ?? null,
      changes.last_position_seconds ?? null,
      changes.completion_percentage ?? null,
      now,
      now.toISOString(),
    ))!;
    const { lesson_course_id, fresh, owner_id, enrollment_course_id, status_before } = row;
    const { prev_completed, prev_video_watched, enrollment, events_published, ...progress } = row;
    const checked = { lessonCourseId: lesson_course_id, ownerId: owner_id, courseId: enrollment_course_id };
    if (!enrollment || progress.id === null)
      return { written: undefined, fresh: fresh === true, statusBefore: status_before, eventsPublished: 0, ...checked };
    return {
      written: {
        progress: toLessonProgress(progress as LessonProgressRow),
        enrollment: toEnrollment(enrollmentRow(enrollment)),
        previous:
          prev_completed === null ? undefined : { completed: prev_completed, video_watched: prev_video_watched! },
      },
      fresh: true,
      statusBefore: status_before,
      eventsPublished: events_published ?? 0,
      ...checked,
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

/** Catalog's lesson subqueries the completion statement embeds (the catalog port's). */
export interface LessonSql {
  publishedLessonsSql(courseId: Expression<string>): RawBuilder<{ id: string; is_required: boolean }>;
  lessonCourseSql(lessonId: Expression<string>): RawBuilder<string | null>;
}

/** The events bus's SQL for events the completion statement publishes itself. */
export type EventSqlPort = Pick<EventBus, 'insertSql'>;

/** What the completion statement saw and did; `written` only when every check passed. */
export interface CompleteOutcome {
  /** The lesson's course; null when there is no such lesson. */
  lessonCourseId: string | null;
  /** The enrolment's student and course; null when there is no such enrolment. */
  ownerId: string | null;
  courseId: string | null;
  statusBefore: Enrollment['status'] | null;
  fresh: boolean;
  /** Events the statement put in the outbox. */
  eventsPublished: number;
  written: { progress: LessonProgress; enrollment: Enrollment; previous: PreviousProgress } | undefined;
}

type CompleteRow = Nullable<LessonProgressRow> & {
  lesson_course_id: string | null;
  fresh: boolean | null;
  owner_id: string | null;
  enrollment_course_id: string | null;
  status_before: Enrollment['status'] | null;
  prev_completed: boolean | null;
  prev_video_watched: boolean | null;
  events_published: number | null;
  /** The enrolment row as JSON (timestamps as strings); null when nothing was written. */
  enrollment: Record<keyof EnrollmentRow, unknown> | null;
};

type Nullable<T> = { [K in keyof T]: T[K] | null };

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

let completeQuery: ReturnType<typeof buildCompleteQuery> | undefined;

// Lesson completion's statement. `snap` reads the enrolment's row version in the statement's
// snapshot and `locked` the latest one (FOR UPDATE waits for a concurrent writer, then returns its
// version): equal versions mean no progress write of this enrolment committed in between, since
// every progress write locks and updates the enrolment. `prev` and the count then read current
// rows; this lesson is counted from the upsert's own row.
function buildCompleteQuery({ publishedLessonsSql, lessonCourseSql }: LessonSql, events: EventSqlPort) {
  return prepareQuery(
    'learning_complete_own_lesson',
    11,
    (
      db,
      enrollmentId: string,
      actorId: string,
      lessonId: string,
      completed: boolean,
      score: number | null,
      videoWatched: boolean | null,
      watchedSeconds: number | null,
      lastPosition: number | null,
      completionPercentage: number | null,
      now: Date,
      occurredAt: string,
    ) => ({
      compile: () =>
        sql<CompleteRow>`
        with lesson as (
          select ${lessonCourseSql(sql`${lessonId}::uuid`)} as course_id
        ), snap as (
          select xmin as version from enrollments where id = ${enrollmentId}::uuid
        ), locked as (
          select e.*, e.xmin = snap.version as fresh from enrollments e cross join snap
          where e.id = ${enrollmentId}::uuid
          for update of e
        ), ok as (
          select locked.* from locked cross join lesson
          where locked.fresh and locked.user_id = ${actorId}::uuid and locked.course_id = lesson.course_id
            and locked.status <> 'cancelled'
        ), published as (
          ${publishedLessonsSql(sql`(select course_id from ok)`)}
        ), counted as (
          select id, is_required or not bool_or(is_required) over () as counts from published
        ), prev as (
          select completed, video_watched from lesson_progress
          where enrollment_id = ${enrollmentId}::uuid and lesson_id = ${lessonId}::uuid
        ), up as (
          insert into lesson_progress as p (enrollment_id, user_id, course_id, lesson_id, completed, completed_at,
            score, video_watched, watched_seconds, last_position_seconds, completion_percentage, created_at, updated_at)
          select ok.id, ok.user_id, ok.course_id, ${lessonId}::uuid, ${completed}::boolean,
            case when ${completed}::boolean then ${now}::timestamptz end, ${score}::numeric,
            coalesce(${videoWatched}::boolean, false), coalesce(${watchedSeconds}::int, 0),
            coalesce(${lastPosition}::int, 0), coalesce(${completionPercentage}::numeric, 0),
            ${now}::timestamptz, ${now}::timestamptz
          from ok
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
        ), d as materialized (
          select count(*) filter (where c.counts)::int as total,
            count(*) filter (where c.counts and case when c.id = ${lessonId}::uuid
              then (select completed from up) else p.completed end)::int as done
          from counted c
          left join lesson_progress p on p.enrollment_id = ${enrollmentId}::uuid and p.lesson_id = c.id
        ), e as (
          update enrollments e set
            progress_percentage = case when d.total = 0 then 0 else least(100, round(d.done * 100.0 / d.total, 2)) end,
            status = case when e.status = 'active' and d.total > 0 and d.done >= d.total then 'completed' else e.status end,
            completed_at = case when e.status = 'active' and d.total > 0 and d.done >= d.total
              then ${now}::timestamptz else e.completed_at end,
            last_accessed_at = ${now}::timestamptz,
            updated_at = ${now}::timestamptz
          from d, ok where e.id = ok.id
          returning e.*
        ), lesson_done as (
          ${events.insertSql('learning.lesson.completed', {
            from: sql`up cross join e left join prev on true`,
            where: sql<boolean>`up.completed and not coalesce(prev.completed, false)`,
            data: sql`json_build_object('enrollment_id', e.id, 'user_id', e.user_id, 'course_id', e.course_id,
              'lesson_id', up.lesson_id, 'score', up.score::float8)`,
            occurredAt: sql<string>`${occurredAt}::text`,
          })}
        ), video_done as (
          ${events.insertSql('learning.video.watched', {
            from: sql`up cross join e left join prev on true`,
            where: sql<boolean>`up.video_watched and not coalesce(prev.video_watched, false)`,
            data: sql`json_build_object('enrollment_id', e.id, 'user_id', e.user_id, 'course_id', e.course_id,
              'lesson_id', up.lesson_id, 'watched_seconds', up.watched_seconds,
              'completion_percentage', up.completion_percentage::float8)`,
            occurredAt: sql<string>`${occurredAt}::text`,
          })}
        ), course_done as (
          ${events.insertSql('learning.course.completed', {
            from: sql`e cross join locked`,
            where: sql<boolean>`e.status = 'completed' and locked.status <> 'completed'`,
            data: sql`json_build_object('enrollment_id', e.id, 'user_id', e.user_id, 'course_id', e.course_id)`,
            occurredAt: sql<string>`${occurredAt}::text`,
          })}
        )
        select up.*, lesson.course_id as lesson_course_id, locked.fresh, locked.user_id as owner_id,
          locked.course_id as enrollment_course_id, locked.status as status_before,
          prev.completed as prev_completed, prev.video_watched as prev_video_watched, to_jsonb(e) as enrollment,
          ((select count(*) from lesson_done) + (select count(*) from video_done) + (select count(*) from course_done))::int
            as events_published
        from lesson left join locked on true left join up on true left join e on true left join prev on true`.compile(
          db,
        ),
    }),
  );
}
