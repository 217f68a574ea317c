// Every SQL statement about lesson progress and video watch spans.
import './learning.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { LessonProgressRow } from './learning.tables.ts';
import type { LessonProgress } from './learning.types.ts';

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

export const progressRepo = {
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
