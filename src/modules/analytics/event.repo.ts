// Every SQL statement over raw analytics events.
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { StoredEvent } from './analytics.types.ts';

export const eventRepo = {
  /**
   * Stores a batch in one statement: the rows travel as one JSON document unpacked by
   * `jsonb_to_recordset` (one bind parameter whatever the batch size, on both drivers), and the
   * days they fall on are marked for the rollup job in the same statement.
   */
  async insertBatch(db: Executor, events: readonly StoredEvent[], receivedAt: Date): Promise<number> {
    if (events.length === 0) return 0;
    const { rows } = await sql<{ n: number }>`
      with rows as (
        select * from jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
          as r(ts timestamptz, user_id uuid, type text, src text, payload jsonb)
      ),
      ins as (
        insert into analytics_events (ts, user_id, type, src, payload, received_at)
        select ts, user_id, type, src, coalesce(payload, '{}'::jsonb), ${receivedAt} from rows
        returning 1
      ),
      dirty as (
        insert into analytics_dirty_days (day)
        select distinct (ts at time zone 'UTC')::date from rows
        on conflict do nothing
      )
      select count(*)::int as n from ins`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },

  /** One learner's figures from the modules' events about them (never from their own batches). */
  async learnerFigures(db: Executor, userId: string): Promise<LearnerFigures> {
    const { rows } = await sql<LearnerFigures>`
      with mine as (
        select type, ts, payload from analytics_events where user_id = ${userId} and src = 'server'
      ),
      attempts as (
        select distinct on (payload->>'attempt_id') payload->'score' as score
        from mine where type = 'quiz_attempt_graded' order by payload->>'attempt_id', ts desc
      )
      select
        (select count(distinct payload->>'course_id') from mine where type = 'course_enrolled')::int as courses_enrolled,
        (select count(distinct payload->>'course_id') from mine where type = 'course_completed')::int as courses_completed,
        (select count(distinct payload->>'lesson_id') from mine where type = 'lesson_completed')::int as lessons_completed,
        (select count(*) from attempts)::int as quizzes_taken,
        (select avg((score)::text::numeric) from attempts where jsonb_typeof(score) = 'number')::float8 as average_score,
        (select coalesce(sum((payload->>'watched_seconds')::numeric), 0) from mine
          where type = 'video_watched' and jsonb_typeof(payload->'watched_seconds') = 'number')::float8 as watch_seconds`.execute(
      db,
    );
    return rows[0]!;
  },

  /** Events stored on closed days before `beforeDay` (from the rollups). */
  async countBefore(db: Executor, beforeDay: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select coalesce(sum(events), 0)::int as n from analytics_daily_types where day < ${beforeDay}::date`.execute(db);
    return rows[0]?.n ?? 0;
  },
};

export interface LearnerFigures {
  courses_enrolled: number;
  courses_completed: number;
  lessons_completed: number;
  quizzes_taken: number;
  average_score: number | null;
  watch_seconds: number;
}
