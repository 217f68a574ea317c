import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// The analytics event store and its daily rollups. Events are range-partitioned by month on `ts`
// (declarative partitioning, on PostgreSQL and PGlite alike): the module creates partitions ahead
// of time and drops those past the retention, so old data leaves with a cheap DROP TABLE instead
// of a long DELETE. No partition is created here: the first ingest or the maintenance job does it.
// There is no default partition on purpose: a month that has one could never be attached later.
//
// Rollups are plain tables keyed by day, recomputed one day at a time for the days that received
// events since the last run (`analytics_dirty_days`, marked by every insert), so a dashboard reads
// small tables instead of scanning events.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table analytics_events (
      ts timestamptz not null,
      user_id uuid,
      type text not null check (char_length(type) between 1 and 100),
      src text check (char_length(src) <= 100),
      payload jsonb not null default '{}',
      received_at timestamptz not null default now()
    ) partition by range (ts)`,
    `create index analytics_events_ts_idx on analytics_events (ts)`,
    `create index analytics_events_user_idx on analytics_events (user_id, ts)`,
    `create table analytics_dirty_days (day date primary key)`,
    `create table analytics_daily_types (
      day date not null,
      type text not null,
      events integer not null,
      users integer not null,
      watch_seconds bigint not null default 0,
      primary key (day, type)
    )`,
    `create table analytics_daily_users (
      day date not null,
      user_id uuid not null,
      events integer not null,
      primary key (day, user_id)
    )`,
    `create index analytics_daily_users_user_idx on analytics_daily_users (user_id, day)`,
    `create table analytics_daily_pages (
      day date not null,
      page text not null,
      views integer not null,
      visitors integer not null,
      primary key (day, page)
    )`,
    // Per-course engagement (lesson_id null) and per-lesson engagement, from events naming them.
    `create table analytics_daily_content (
      day date not null,
      course_id uuid not null,
      lesson_id uuid,
      events integer not null,
      users integer not null
    )`,
    `create index analytics_daily_content_course_idx on analytics_daily_content (course_id, day)`,
    `create index analytics_daily_content_day_idx on analytics_daily_content (day)`,
    // Per course and event type: what 001's course and instructor analytics add up.
    `create table analytics_daily_course_types (
      day date not null,
      course_id uuid not null,
      type text not null,
      events integer not null,
      users integer not null,
      score_sum numeric not null default 0,
      scores integer not null default 0,
      watch_seconds bigint not null default 0,
      primary key (day, course_id, type)
    )`,
    `create index analytics_daily_course_types_course_idx on analytics_daily_course_types (course_id, day)`,
    // Sessions (payload.session_id) by the day of their first event: duration and bounces.
    `create table analytics_daily_sessions (
      day date primary key,
      sessions integer not null,
      bounces integer not null,
      duration_seconds bigint not null
    )`,
  ]);
}
