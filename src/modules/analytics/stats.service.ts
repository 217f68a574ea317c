// 000's admin statistics: a teacher's figures cover the courses they own or co-teach, an admin's
// the whole platform; revenue (admins only) adds up the learning module's recorded payments in
// each course's currency. Course facts come from catalog, everything counted from the rollups.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { assertPlatformReader, statsScopeOf } from './analytics.policy.ts';
import type { CatalogPort, CourseFacts } from './analytics.ports.ts';
import { dayOf } from './dashboard.service.ts';
import type { CoursePayments, StatsWindow } from './stats.repo.ts';
import { statsRepo } from './stats.repo.ts';

const DAY_MS = 86_400_000;
/** "Active" students did something on the courses within this many days (today included). */
export const ACTIVE_DAYS = 30;

export interface ContentStats {
  total_courses: number;
  total_students: number;
  total_videos: number;
  total_revenue: number;
  currency: string | null;
  active_students_today: number;
  new_enrollments_this_week: number;
}

export interface CourseStats {
  total_courses: number;
  published_courses: number;
  draft_courses: number;
  courses_by_category: Record<string, number>;
}

export interface StudentStats {
  total_students: number;
  active_students: number;
  new_students_this_month: number;
  /** Percent of (student, course) enrolments that reached completion. */
  completion_rate: number;
}

export interface VideoStats {
  total_videos: number;
  total_watch_seconds: number;
  most_watched_video: { id: string; title: string; views: number } | null;
}

export interface RevenueStats {
  total_revenue: number;
  monthly_revenue: number;
  /** The currency of the two totals: the one most payments were made in (null before any). */
  currency: string | null;
  revenue_by_currency: { currency: string; total_revenue: number; monthly_revenue: number }[];
  revenue_by_course: {
    course_id: string;
    course_name: string;
    currency: string;
    revenue: number;
    enrollments: number;
  }[];
}

export const UNCATEGORIZED = 'uncategorized';
const money = (value: number | string) => Math.round(Number(value) * 100) / 100;

export function createStatsService(deps: { database: DatabaseHandle; clock: Clock; catalog: CatalogPort }) {
  const { database, clock, catalog } = deps;
  const db = database.db;

  async function scope(actor: Actor): Promise<{ courses: CourseFacts[]; window: StatsWindow }> {
    const courses = await catalog.listCourseFacts(statsScopeOf(actor));
    const today = dayOf(clock.now());
    const start = new Date(`${today}T00:00:00Z`);
    return {
      courses,
      window: { today, start, end: new Date(start.getTime() + DAY_MS), courseIds: courses.map((c) => c.id) },
    };
  }

  const daysBefore = (w: StatsWindow, days: number) => dayOf(new Date(w.start.getTime() - days * DAY_MS));
  const monthOf = (w: StatsWindow) => `${w.today.slice(0, 7)}-01`;

  async function revenue(w: StatsWindow, courses: readonly CourseFacts[]): Promise<RevenueStats> {
    const rows = await statsRepo.payments(db, w, monthOf(w));
    const byCurrency = new Map<string, { total: number; monthly: number; payments: number }>();
    for (const row of rows) {
      const sums = byCurrency.get(row.currency) ?? { total: 0, monthly: 0, payments: 0 };
      sums.total += Number(row.amount);
      sums.monthly += Number(row.monthly);
      sums.payments += row.payments;
      byCurrency.set(row.currency, sums);
    }
    const currencies = [...byCurrency.entries()].sort(
      ([a, x], [b, y]) => y.payments - x.payments || a.localeCompare(b),
    );
    const main = currencies[0];
    const titles = new Map(courses.map((c) => [c.id, c.title]));
    return {
      total_revenue: money(main?.[1].total ?? 0),
      monthly_revenue: money(main?.[1].monthly ?? 0),
      currency: main?.[0] ?? null,
      revenue_by_currency: currencies.map(([currency, sums]) => ({
        currency,
        total_revenue: money(sums.total),
        monthly_revenue: money(sums.monthly),
      })),
      revenue_by_course: rows
        .map((row: CoursePayments) => ({
          course_id: row.course_id,
          course_name: titles.get(row.course_id) ?? '',
          currency: row.currency,
          revenue: money(row.amount),
          enrollments: row.payments,
        }))
        .sort((a, b) => b.revenue - a.revenue || a.course_id.localeCompare(b.course_id)),
    };
  }

  async function students(w: StatsWindow) {
    return statsRepo.students(db, w, {
      activeFrom: daysBefore(w, ACTIVE_DAYS - 1),
      newFrom: monthOf(w),
      enrolledFrom: daysBefore(w, 6),
    });
  }

  return {
    async overview(actor: Actor): Promise<ContentStats> {
      const { courses, window } = await scope(actor);
      const figures = await students(window);
      const earned = await revenue(window, courses);
      return {
        total_courses: courses.length,
        total_students: figures.students,
        total_videos: courses.reduce((sum, c) => sum + c.videos, 0),
        total_revenue: earned.total_revenue,
        currency: earned.currency,
        active_students_today: figures.active_today,
        new_enrollments_this_week: figures.enrollments_since,
      };
    },

    async courses(actor: Actor): Promise<CourseStats> {
      const { courses } = await scope(actor);
      const byCategory: Record<string, number> = {};
      for (const course of courses) {
        const key = course.category ?? UNCATEGORIZED;
        byCategory[key] = (byCategory[key] ?? 0) + 1;
      }
      return {
        total_courses: courses.length,
        published_courses: courses.filter((c) => c.status === 'published').length,
        draft_courses: courses.filter((c) => c.status === 'draft').length,
        courses_by_category: byCategory,
      };
    },

    async students(actor: Actor): Promise<StudentStats> {
      const { window } = await scope(actor);
      const figures = await students(window);
      return {
        total_students: figures.students,
        active_students: figures.active_since,
        new_students_this_month: figures.new_since,
        completion_rate:
          figures.enrolled_pairs > 0 ? money((100 * figures.completed_pairs) / figures.enrolled_pairs) : 0,
      };
    },

    async videos(actor: Actor): Promise<VideoStats> {
      const { courses, window } = await scope(actor);
      const { watchSeconds, top } = await statsRepo.videos(db, window);
      const lesson = top ? await catalog.getLessonSummary(top.lesson_id) : undefined;
      return {
        total_videos: courses.reduce((sum, c) => sum + c.videos, 0),
        total_watch_seconds: watchSeconds,
        most_watched_video: top && lesson ? { id: top.lesson_id, title: lesson.title, views: top.views } : null,
      };
    },

    async revenue(actor: Actor): Promise<RevenueStats> {
      assertPlatformReader(actor);
      const { courses, window } = await scope(actor);
      return revenue(window, courses);
    },
  };
}
