// The daily rollups: each aggregate is one SELECT over a time range of raw events (partition
// pruning keeps it to the day's partition), written into its table by the rollup job, or read
// directly for today's still-open day by the dashboard.
import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';

const UUID_TEXT = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;
/** A payload field as a uuid when it is one, else null (payloads are free-form). */
export const uuidField = (field: string) =>
  sql.raw(`case when payload->>'${field}' ~ ${UUID_TEXT} then (payload->>'${field}')::uuid end`);
export const inRange = (from: Date, to: Date) => sql`ts >= ${from} and ts < ${to}`;
/** Seconds watched, from the learning module's `video.watched` or a client's `watched_seconds`. */
export const WATCH = sql.raw(
  `case when jsonb_typeof(payload->'watched_seconds') = 'number' then least(greatest((payload->>'watched_seconds')::numeric, 0), 86400) else 0 end`,
);

const typesOf = (from: Date, to: Date) => sql`
  select type, count(*)::int as events, count(distinct user_id)::int as users,
    coalesce(sum(${WATCH}), 0)::bigint as watch_seconds
  from analytics_events where ${inRange(from, to)} group by type`;

const usersOf = (from: Date, to: Date) => sql`
  select user_id, count(*)::int as events
  from analytics_events where ${inRange(from, to)} and user_id is not null group by user_id`;

const pagesOf = (from: Date, to: Date) => sql`
  select left(payload->>'page', 500) as page, count(*)::int as views, count(distinct user_id)::int as visitors
  from analytics_events
  where ${inRange(from, to)} and type = 'page_view' and payload->>'page' is not null
  group by 1`;

const coursesOf = (from: Date, to: Date) => sql`
  select course_id, null::uuid as lesson_id, count(*)::int as events, count(distinct user_id)::int as users
  from (select ${uuidField('course_id')} as course_id, user_id from analytics_events where ${inRange(from, to)}) e
  where course_id is not null group by course_id`;

const lessonsOf = (from: Date, to: Date) => sql`
  select course_id, lesson_id, count(*)::int as events, count(distinct user_id)::int as users
  from (
    select ${uuidField('course_id')} as course_id, ${uuidField('lesson_id')} as lesson_id, user_id
    from analytics_events where ${inRange(from, to)}
  ) e
  where course_id is not null and lesson_id is not null group by course_id, lesson_id`;

const SCORE = sql.raw(`case when jsonb_typeof(payload->'score') = 'number' then (payload->>'score')::numeric end`);

/** Per course and type of the modules' own events (a client cannot inflate them); quiz scores are those of graded attempts (not those pending review). */
const courseTypesOf = (from: Date, to: Date) => sql`
  select course_id, type, count(*)::int as events, count(distinct user_id)::int as users,
    coalesce(sum(score), 0) as score_sum, count(score)::int as scores, coalesce(sum(watch), 0)::bigint as watch_seconds
  from (
    select ${uuidField('course_id')} as course_id, type, user_id, ${SCORE} as score, ${WATCH} as watch
    from analytics_events where ${inRange(from, to)} and src = 'server'
  ) e
  where course_id is not null group by course_id, type`;

/** A session is the events sharing a payload `session_id`; one with a single event bounced. */
const sessionsOf = (from: Date, to: Date) => sql`
  select count(*)::int as sessions, (count(*) filter (where n = 1))::int as bounces,
    coalesce(sum(extract(epoch from last - first)), 0)::bigint as duration_seconds
  from (
    select payload->>'session_id' as sid, count(*) as n, min(ts) as first, max(ts) as last
    from analytics_events
    where ${inRange(from, to)} and payload->>'session_id' is not null
    group by 1
  ) s`;

export interface CourseTypeRow {
  course_id: string;
  type: string;
  events: number;
  score_sum: number;
  scores: number;
  watch_seconds: number;
}

export interface DayAggregates {
  types: { type: string; events: number; users: number; watch_seconds: number }[];
  activeUsers: number;
  pages: { page: string; views: number; visitors: number }[];
  sessions: { sessions: number; bounces: number; duration_seconds: number };
}

async function rows<T>(db: Executor, query: RawBuilder<unknown>): Promise<T[]> {
  return (await (query as RawBuilder<T>).execute(db)).rows;
}

export const rollupRepo = {
  /** Takes the days marked since the last run (the caller's transaction holds them until commit). */
  async takeDirtyDays(db: Executor, limit: number): Promise<string[]> {
    const { rows: taken } = await sql<{ day: string }>`
      delete from analytics_dirty_days
      where day in (select day from analytics_dirty_days order by day limit ${limit} for update skip locked)
      returning day::text as day`.execute(db);
    return taken.map((row) => row.day).sort();
  },

  /** Recomputes every rollup of one UTC day from its raw events. */
  async rebuildDay(db: Executor, day: string): Promise<void> {
    const from = new Date(`${day}T00:00:00Z`);
    const to = new Date(from.getTime() + 86_400_000);
    for (const table of ['types', 'users', 'pages', 'content', 'sessions', 'course_types']) {
      await sql`delete from ${sql.table(`analytics_daily_${table}`)} where day = ${day}::date`.execute(db);
    }
    await sql`insert into analytics_daily_types (day, type, events, users, watch_seconds)
      select ${day}::date, s.* from (${typesOf(from, to)}) s`.execute(db);
    await sql`insert into analytics_daily_users (day, user_id, events)
      select ${day}::date, s.* from (${usersOf(from, to)}) s`.execute(db);
    await sql`insert into analytics_daily_pages (day, page, views, visitors)
      select ${day}::date, s.* from (${pagesOf(from, to)}) s`.execute(db);
    await sql`insert into analytics_daily_content (day, course_id, lesson_id, events, users)
      select ${day}::date, s.* from (${coursesOf(from, to)}) s
      union all select ${day}::date, s.* from (${lessonsOf(from, to)}) s`.execute(db);
    await sql`insert into analytics_daily_course_types (day, course_id, type, events, users, score_sum, scores, watch_seconds)
      select ${day}::date, s.* from (${courseTypesOf(from, to)}) s`.execute(db);
    await sql`insert into analytics_daily_sessions (day, sessions, bounces, duration_seconds)
      select ${day}::date, s.* from (${sessionsOf(from, to)}) s where s.sessions > 0`.execute(db);
  },

  /** The aggregates of a still-open range (today), straight from raw events. */
  async live(db: Executor, from: Date, to: Date): Promise<DayAggregates> {
    const types = await rows<DayAggregates['types'][number]>(db, typesOf(from, to));
    const users = await rows<{ n: number }>(db, sql`select count(*)::int as n from (${usersOf(from, to)}) u`);
    const pages = await rows<DayAggregates['pages'][number]>(db, pagesOf(from, to));
    const sessions = await rows<DayAggregates['sessions']>(db, sessionsOf(from, to));
    return {
      types: types.map((t) => ({ ...t, watch_seconds: Number(t.watch_seconds) })),
      activeUsers: users[0]?.n ?? 0,
      pages,
      sessions: {
        sessions: sessions[0]?.sessions ?? 0,
        bounces: sessions[0]?.bounces ?? 0,
        duration_seconds: Number(sessions[0]?.duration_seconds ?? 0),
      },
    };
  },

  /** Distinct users active on [fromDay, toDay) per the rollups, or in the raw range [liveFrom, liveTo). */
  async activeUsers(db: Executor, fromDay: string, toDay: string, liveFrom: Date, liveTo: Date): Promise<number> {
    const { rows: result } = await sql<{ n: number }>`
      select count(*)::int as n from (
        select user_id from analytics_daily_users where day >= ${fromDay}::date and day < ${toDay}::date
        union
        select user_id from analytics_events where ${inRange(liveFrom, liveTo)} and user_id is not null
      ) u`.execute(db);
    return result[0]?.n ?? 0;
  },

  /** Per course and type on closed days before `beforeDay` plus the raw range [liveFrom, liveTo). */
  async courseTypes(
    db: Executor,
    courseIds: readonly string[],
    beforeDay: string,
    liveFrom: Date,
    liveTo: Date,
  ): Promise<CourseTypeRow[]> {
    if (courseIds.length === 0) return [];
    const { rows: result } = await sql<CourseTypeRow>`
      select course_id, type, sum(events)::int as events, sum(score_sum)::float8 as score_sum,
        sum(scores)::int as scores, sum(watch_seconds)::float8 as watch_seconds
      from (
        select course_id, type, events, score_sum, scores, watch_seconds from analytics_daily_course_types
        where course_id = any(${sql.val(courseIds)}::uuid[]) and day < ${beforeDay}::date
        union all
        select course_id, type, events, score_sum, scores, watch_seconds from (${courseTypesOf(liveFrom, liveTo)}) t
        where course_id = any(${sql.val(courseIds)}::uuid[])
      ) u
      group by course_id, type`.execute(db);
    return result;
  },

  async dailyActiveUsers(db: Executor, day: string): Promise<number> {
    const { rows: result } = await sql<{ n: number }>`
      select count(*)::int as n from analytics_daily_users where day = ${day}::date`.execute(db);
    return result[0]?.n ?? 0;
  },

  /** The modules' course events per type: closed days before `beforeDay` plus the raw range [liveFrom, liveTo). */
  async courseTypeTotals(
    db: Executor,
    beforeDay: string,
    liveFrom: Date,
    liveTo: Date,
  ): Promise<{ type: string; events: number }[]> {
    const { rows: result } = await sql<{ type: string; events: number }>`
      select type, sum(events)::int as events from (
        select type, events from analytics_daily_course_types where day < ${beforeDay}::date
        union all
        select type, events from (${courseTypesOf(liveFrom, liveTo)}) t
      ) u
      group by type`.execute(db);
    return result;
  },

  /** Seconds watched on days before `beforeDay`. */
  async watchSecondsBefore(db: Executor, beforeDay: string): Promise<number> {
    const { rows: result } = await sql<{ n: string | number }>`
      select coalesce(sum(watch_seconds), 0)::bigint as n from analytics_daily_types where day < ${beforeDay}::date`.execute(
      db,
    );
    return Number(result[0]?.n ?? 0);
  },

  /** Page views and daily unique visitors per page on [fromDay, toDay). */
  async pages(
    db: Executor,
    fromDay: string,
    toDay: string,
  ): Promise<{ page: string; views: number; visitors: number }[]> {
    const { rows: result } = await sql<{ page: string; views: number; visitors: number }>`
      select page, sum(views)::int as views, sum(visitors)::int as visitors
      from analytics_daily_pages where day >= ${fromDay}::date and day < ${toDay}::date
      group by page`.execute(db);
    return result;
  },
};
