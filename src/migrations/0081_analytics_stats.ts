import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Rollups behind 000's admin statistics, from the modules' own events (`src = 'server'`), kept
// like the others by the rollup job one day at a time: who did what on which course (distinct
// students over any range), video views per lesson, and recorded payments per course and currency.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table analytics_daily_course_users (
      day date not null,
      course_id uuid not null,
      type text not null,
      user_id uuid not null,
      primary key (day, course_id, type, user_id)
    )`,
    `create index analytics_daily_course_users_course_idx on analytics_daily_course_users (course_id, type, day)`,
    `create table analytics_daily_lesson_views (
      day date not null,
      course_id uuid not null,
      lesson_id uuid not null,
      views integer not null,
      watch_seconds bigint not null,
      primary key (day, lesson_id)
    )`,
    `create table analytics_daily_payments (
      day date not null,
      course_id uuid not null,
      currency text not null,
      amount numeric not null,
      payments integer not null,
      primary key (day, course_id, currency)
    )`,
    // Days stored before these tables existed get them at the rollup job's next run.
    `insert into analytics_dirty_days (day)
      select distinct (ts at time zone 'UTC')::date from analytics_events on conflict do nothing`,
  ]);
}
