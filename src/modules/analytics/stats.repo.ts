// 000's statistics: rollups of the modules' own events per course (who enrolled, completed or did
// anything; video views per lesson; recorded payments), read as closed days from the rollup
// tables plus today's still-open day from raw events, over a given set of courses.
import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import { inRange, uuidField, WATCH } from './rollup.repo.ts';

const server = (from: Date, to: Date) => sql`${inRange(from, to)} and src = 'server'`;

const courseUsersOf = (from: Date, to: Date) => sql`
  select distinct course_id, type, user_id from (
    select ${uuidField('course_id')} as course_id, type, user_id from analytics_events
    where ${server(from, to)} and user_id is not null
  ) e where course_id is not null`;

const lessonViewsOf = (from: Date, to: Date) => sql`
  select course_id, lesson_id, count(*)::int as views, coalesce(sum(watch), 0)::bigint as watch_seconds from (
    select ${uuidField('course_id')} as course_id, ${uuidField('lesson_id')} as lesson_id, ${WATCH} as watch
    from analytics_events where ${server(from, to)} and type = 'video_watched'
  ) e where course_id is not null and lesson_id is not null group by course_id, lesson_id`;

/** The learning module's `payment.recorded`: a decimal `amount` in a three-letter `currency`. */
const paymentsOf = (from: Date, to: Date) => sql`
  select course_id, currency, sum(amount) as amount, count(*)::int as payments from (
    select ${uuidField('course_id')} as course_id, upper(payload->>'currency') as currency,
      (payload->>'amount')::numeric as amount
    from analytics_events
    where ${server(from, to)} and type = 'payment_recorded'
      and payload->>'amount' ~ '^[0-9]{1,12}(\\.[0-9]+)?$' and payload->>'currency' ~ '^[A-Za-z]{3}$'
  ) e where course_id is not null group by course_id, currency`;

/** Where a read looks: closed days before `today` from rollups, today from raw events. */
export interface StatsWindow {
  today: string;
  start: Date;
  end: Date;
  courseIds: readonly string[];
}

const inCourses = (w: StatsWindow) => sql`course_id = any(${sql.val(w.courseIds)}::uuid[])`;

const courseUsers = (w: StatsWindow) => sql`(
  select day, course_id, type, user_id from analytics_daily_course_users where day < ${w.today}::date and ${inCourses(w)}
  union all
  select ${w.today}::date, course_id, type, user_id from (${courseUsersOf(w.start, w.end)}) t where ${inCourses(w)}
)`;

const lessonViews = (w: StatsWindow) => sql`(
  select day, course_id, lesson_id, views, watch_seconds from analytics_daily_lesson_views
  where day < ${w.today}::date and ${inCourses(w)}
  union all
  select ${w.today}::date, course_id, lesson_id, views, watch_seconds from (${lessonViewsOf(w.start, w.end)}) t
  where ${inCourses(w)}
)`;

const payments = (w: StatsWindow) => sql`(
  select day, course_id, currency, amount, payments from analytics_daily_payments
  where day < ${w.today}::date and ${inCourses(w)}
  union all
  select ${w.today}::date, course_id, currency, amount, payments from (${paymentsOf(w.start, w.end)}) t
  where ${inCourses(w)}
)`;

export interface StudentFigures {
  students: number;
  active_today: number;
  active_since: number;
  new_since: number;
  enrollments_since: number;
  enrolled_pairs: number;
  completed_pairs: number;
}

export interface LessonViews {
  lesson_id: string;
  views: number;
}

export interface CoursePayments {
  course_id: string;
  currency: string;
  amount: string;
  monthly: string;
  payments: number;
}

export const statsRepo = {
  /** Recomputes one UTC day of these rollups (called by the rollup job's `rebuildDay`). */
  async rebuildDay(db: Executor, day: string, from: Date, to: Date): Promise<void> {
    for (const table of ['course_users', 'lesson_views', 'payments']) {
      await sql`delete from ${sql.table(`analytics_daily_${table}`)} where day = ${day}::date`.execute(db);
    }
    await sql`insert into analytics_daily_course_users (day, course_id, type, user_id)
      select ${day}::date, s.* from (${courseUsersOf(from, to)}) s`.execute(db);
    await sql`insert into analytics_daily_lesson_views (day, course_id, lesson_id, views, watch_seconds)
      select ${day}::date, s.* from (${lessonViewsOf(from, to)}) s`.execute(db);
    await sql`insert into analytics_daily_payments (day, course_id, currency, amount, payments)
      select ${day}::date, s.* from (${paymentsOf(from, to)}) s`.execute(db);
  },

  /**
   * Students of the courses: distinct enrolled; active today and since `activeFrom`; enrolled for
   * the first time since `newFrom`; enrolments since `enrolledFrom`; enrolled and completed
   * (student, course) pairs.
   */
  async students(
    db: Executor,
    w: StatsWindow,
    since: { activeFrom: string; newFrom: string; enrolledFrom: string },
  ): Promise<StudentFigures> {
    if (w.courseIds.length === 0) {
      return {
        students: 0,
        active_today: 0,
        active_since: 0,
        new_since: 0,
        enrollments_since: 0,
        enrolled_pairs: 0,
        completed_pairs: 0,
      };
    }
    const { rows } = await sql<StudentFigures>`
      with cu as ${courseUsers(w)},
      firsts as (select user_id, min(day) as first from cu where type = 'course_enrolled' group by user_id)
      select
        (select count(*) from firsts)::int as students,
        (select count(distinct user_id) from cu where day = ${w.today}::date)::int as active_today,
        (select count(distinct user_id) from cu where day >= ${since.activeFrom}::date)::int as active_since,
        (select count(*) from firsts where first >= ${since.newFrom}::date)::int as new_since,
        (select count(*) from cu where type = 'course_enrolled' and day >= ${since.enrolledFrom}::date)::int
          as enrollments_since,
        (select count(*) from (select distinct course_id, user_id from cu where type = 'course_enrolled') p)::int
          as enrolled_pairs,
        (select count(*) from (select distinct course_id, user_id from cu where type = 'course_completed') p)::int
          as completed_pairs`.execute(db);
    return rows[0]!;
  },

  /** Video views per lesson (most viewed first) and the seconds watched, over the courses. */
  async videos(db: Executor, w: StatsWindow): Promise<{ watchSeconds: number; top: LessonViews | undefined }> {
    if (w.courseIds.length === 0) return { watchSeconds: 0, top: undefined };
    const { rows } = await (
      sql`
      select lesson_id, sum(views)::int as views, sum(watch_seconds)::float8 as watch_seconds,
        sum(sum(watch_seconds)) over ()::float8 as total_seconds
      from ${lessonViews(w)} v group by lesson_id order by views desc, lesson_id limit 1` as RawBuilder<
        LessonViews & { total_seconds: number }
      >
    ).execute(db);
    const top = rows[0];
    return {
      watchSeconds: Number(top?.total_seconds ?? 0),
      top: top ? { lesson_id: top.lesson_id, views: top.views } : undefined,
    };
  },

  /** Recorded payments per course and currency: all time and since `monthFrom`. */
  async payments(db: Executor, w: StatsWindow, monthFrom: string): Promise<CoursePayments[]> {
    if (w.courseIds.length === 0) return [];
    const { rows } = await sql<CoursePayments>`
      select course_id, currency, sum(amount)::text as amount,
        coalesce(sum(amount) filter (where day >= ${monthFrom}::date), 0)::text as monthly,
        sum(payments)::int as payments
      from ${payments(w)} p group by course_id, currency order by course_id, currency`.execute(db);
    return rows;
  },
};
