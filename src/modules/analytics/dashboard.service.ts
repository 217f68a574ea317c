// 003's dashboard and DAU report: closed days from the rollups, today (UTC) from its raw events,
// which only ever means one day's partition range.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { assertPlatformReader } from './analytics.policy.ts';
import type { IdentityPort } from './analytics.ports.ts';
import type { DailyActiveUsers, Dashboard } from './analytics.types.ts';
import { rollupRepo } from './rollup.repo.ts';

const DAY_MS = 86_400_000;
const TOP_PAGES = 10;
/** Types that count as a lesson watched: the learning module's and 003's client event. */
const WATCHED_TYPES = new Set(['video_watched', 'video_completed']);

export const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const shiftDay = (day: string, days: number) => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));

export function createDashboardService(deps: { database: DatabaseHandle; clock: Clock; identity: IdentityPort }) {
  const { database, clock, identity } = deps;
  const db = database.db;

  return {
    async dashboard(actor: Actor): Promise<Dashboard> {
      assertPlatformReader(actor);
      const now = clock.now();
      const today = dayOf(now);
      const start = new Date(`${today}T00:00:00Z`);
      const end = new Date(start.getTime() + DAY_MS);
      const live = await rollupRepo.live(db, start, end);
      const countOf = (types: (type: string) => boolean) =>
        live.types.filter((t) => types(t.type)).reduce((sum, t) => sum + t.events, 0);
      const watchedToday = live.types.reduce((sum, t) => sum + t.watch_seconds, 0);
      const users = await identity.listUsers(actor, {}, { limit: 1, offset: 0 });
      const week = await rollupRepo.activeUsers(db, shiftDay(today, -6), today, start, end);
      const month = await rollupRepo.activeUsers(db, shiftDay(today, -29), today, start, end);
      const { sessions, bounces, duration_seconds: duration } = live.sessions;
      return {
        overview: {
          total_users: users.total,
          active_users_today: live.activeUsers,
          active_users_week: week,
          active_users_month: month,
        },
        engagement: {
          avg_session_duration: sessions > 0 ? Math.round(duration / sessions) : 0,
          page_views_today: countOf((type) => type === 'page_view'),
          bounce_rate: sessions > 0 ? Math.round((bounces / sessions) * 10_000) / 10_000 : 0,
        },
        content: {
          courses_completed_today: countOf((type) => type === 'course_completed'),
          lessons_watched_today: countOf((type) => WATCHED_TYPES.has(type)),
          total_watch_time_minutes: Math.floor(((await rollupRepo.watchSecondsBefore(db, today)) + watchedToday) / 60),
        },
        top_pages: await topPages(today, live.pages),
        updated_at: now,
      };
    },

    async dailyActiveUsers(actor: Actor, date?: string): Promise<DailyActiveUsers> {
      assertPlatformReader(actor);
      const now = clock.now();
      const today = dayOf(now);
      const day = date ?? today;
      if (day !== today) return { dau: await rollupRepo.dailyActiveUsers(db, day), date: day, updated_at: now };
      const start = new Date(`${today}T00:00:00Z`);
      const live = await rollupRepo.live(db, start, new Date(start.getTime() + DAY_MS));
      return { dau: live.activeUsers, date: day, updated_at: now };
    },
  };

  /** The last 7 days' most viewed pages; unique visitors counted once per page and day. */
  async function topPages(today: string, livePages: { page: string; views: number; visitors: number }[]) {
    const merged = new Map<string, { views: number; visitors: number }>();
    for (const row of [...(await rollupRepo.pages(db, shiftDay(today, -6), today)), ...livePages]) {
      const current = merged.get(row.page) ?? { views: 0, visitors: 0 };
      merged.set(row.page, { views: current.views + row.views, visitors: current.visitors + row.visitors });
    }
    return [...merged]
      .map(([page, counts]) => ({ page, views: counts.views, unique_visitors: counts.visitors }))
      .sort((a, b) => b.views - a.views || a.page.localeCompare(b.page))
      .slice(0, TOP_PAGES);
  }
}
