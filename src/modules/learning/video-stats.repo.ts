// Aggregates over watch spans for one lesson's video: views, viewers, completion, drop-off.
import './learning.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';

export interface ViewerTotals {
  total_views: number;
  unique_viewers: number;
  completed_viewers: number;
  average_watch_time: number;
  longest_position: number;
}

export const videoStatsRepo = {
  /** A view is one playback session (the client's session id, else one per viewer per UTC day). */
  async totals(db: Executor, lessonId: string): Promise<ViewerTotals> {
    const { rows } = await sql<ViewerTotals>`
      select
        (select count(distinct coalesce(session_id::text, user_id::text || ':' || ((created_at at time zone 'UTC')::date)::text))
           from watch_spans where lesson_id = ${lessonId})::int as total_views,
        (select count(distinct user_id) from watch_spans where lesson_id = ${lessonId})::int as unique_viewers,
        (select count(*) from lesson_progress where lesson_id = ${lessonId} and video_watched)::int as completed_viewers,
        (select coalesce(round(avg(watched_seconds)), 0) from lesson_progress where lesson_id = ${lessonId} and watched_seconds > 0)::int as average_watch_time,
        (select coalesce(max(end_seconds), 0) from watch_spans where lesson_id = ${lessonId})::int as longest_position`.execute(
      db,
    );
    return rows[0]!;
  },

  /** Viewers whose playback touched each of `buckets` equal slices of the video. */
  async retention(db: Executor, lessonId: string, durationSeconds: number, buckets: number): Promise<number[]> {
    const { rows } = await sql<{ bucket: number; viewers: number }>`
      select b.i as bucket, count(distinct s.user_id)::int as viewers
      from generate_series(0, ${buckets - 1}::int) as b(i)
      left join watch_spans s
        on s.lesson_id = ${lessonId}
        and s.start_seconds < (b.i + 1) * ${durationSeconds}::numeric / ${buckets}
        and s.end_seconds > b.i * ${durationSeconds}::numeric / ${buckets}
      group by b.i order by b.i`.execute(db);
    return rows.map((r) => Number(r.viewers));
  },

  /**
   * Where viewers who did not finish stopped: each viewer's furthest position, grouped into
   * slices, the busiest slices first, each reported as the mean stopping position in it.
   */
  async dropOffs(
    db: Executor,
    lessonId: string,
    durationSeconds: number,
    buckets: number,
    limit: number,
  ): Promise<number[]> {
    const { rows } = await sql<{ position: number }>`
      with furthest as (
        select s.user_id, max(s.end_seconds) as reached
        from watch_spans s
        where s.lesson_id = ${lessonId}
          and not exists (
            select 1 from lesson_progress p
            where p.lesson_id = ${lessonId} and p.user_id = s.user_id and p.video_watched)
        group by s.user_id
      )
      select round(avg(reached))::int as position
      from furthest
      group by least(floor(reached * ${buckets}::numeric / ${durationSeconds}), ${buckets - 1})
      order by count(*) desc, 1 asc
      limit ${limit}`.execute(db);
    return rows.map((r) => Number(r.position));
  },
};
