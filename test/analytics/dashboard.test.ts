// 003's dashboard and DAU report against a known data set: closed days from the rollups (built
// by the scheduled job, incrementally for the days that received events), today from its events.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { sql } from 'kysely';

import { ROLLUPS_JOB } from '../../src/modules/analytics/index.ts';
import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { app } = lectern;
const { db } = lectern.database;
// Five registrations today: each is a `user_registered` event, so five users active today.
const { owner, admin, studentA } = await createCast(lectern);

const DAY = 86_400_000;
const today = new Date(`${lectern.clock.now().toISOString().slice(0, 10)}T00:00:00Z`).getTime();
const at = (dayOffset: number, minutes: number) => new Date(today + dayOffset * DAY + minutes * 60_000).toISOString();
const dayOf = (dayOffset: number) => new Date(today + dayOffset * DAY).toISOString().slice(0, 10);
const [u1, u2, u3, u4, u5, u6] = Array.from({ length: 6 }, () => randomUUID());
const course = randomUUID();
const lesson = randomUUID();

const get = (user: TestUser | undefined, url: string) =>
  app.inject({ method: 'GET', url, headers: user ? user.auth : {} });
async function ingest(events: object[]) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/analytics/ingest',
    headers: admin.auth,
    payload: events,
  });
  assert.equal(response.statusCode, 200, response.body);
}
async function runRollups() {
  await lectern.queue.send(ROLLUPS_JOB, {});
  await lectern.queue.settle();
}

await ingest([
  // Today: u1's two-page session (2 minutes), u2's one-page session (a bounce), u3's course work.
  { ts: at(0, 1), user_id: u1, type: 'page_view', payload: { page: '/home', session_id: 's1' } },
  { ts: at(0, 3), user_id: u1, type: 'page_view', payload: { page: '/courses', session_id: 's1' } },
  { ts: at(0, 2), user_id: u2, type: 'page_view', payload: { page: '/home', session_id: 's2' } },
  { ts: at(0, 4), user_id: u3, type: 'course_completed', payload: { course_id: course } },
  {
    ts: at(0, 5),
    user_id: u3,
    type: 'video_watched',
    payload: { course_id: course, lesson_id: lesson, watched_seconds: 300 },
  },
  // Yesterday: u4. Ten days ago: u5. Forty days ago: u6 (outside the month).
  { ts: at(-1, 60), user_id: u4, type: 'page_view', payload: { page: '/home', session_id: 's3' } },
  { ts: at(-1, 120), user_id: u4, type: 'video_completed', payload: { watched_seconds: 600 } },
  { ts: at(-10, 60), user_id: u5, type: 'page_view', payload: { page: '/old' } },
  { ts: at(-40, 60), user_id: u6, type: 'page_view', payload: { page: '/older' } },
]);

describe('GET /api/analytics/dashboard', () => {
  it('answers the documented figures from rollups and today’s events', async () => {
    await runRollups();
    const response = await get(admin, '/api/analytics/dashboard');
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from users`.execute(db);
    assert.deepEqual(body.overview, {
      total_users: rows[0]?.n,
      active_users_today: 5 + 3,
      active_users_week: 5 + 4,
      active_users_month: 5 + 5,
    });
    assert.deepEqual(body.engagement, { avg_session_duration: 60, page_views_today: 3, bounce_rate: 0.5 });
    assert.deepEqual(body.content, {
      courses_completed_today: 1,
      lessons_watched_today: 1,
      total_watch_time_minutes: 15,
    });
    assert.deepEqual(body.top_pages, [
      { page: '/home', views: 3, unique_visitors: 3 },
      { page: '/courses', views: 1, unique_visitors: 1 },
    ]);
    assert.ok(Math.abs(Date.parse(body.updated_at) - lectern.clock.now().getTime()) < 1000);
  });

  it('keeps per-course and per-lesson engagement in the daily rollups', async () => {
    const { rows } = await sql<{ lesson_id: string | null; events: number; users: number }>`
      select lesson_id, events, users from analytics_daily_content
      where course_id = ${course} and day = ${dayOf(0)}::date order by lesson_id nulls first`.execute(db);
    assert.deepEqual(rows, [
      { lesson_id: null, events: 2, users: 1 },
      { lesson_id: lesson, events: 1, users: 1 },
    ]);
  });

  it('is for admins only', async () => {
    assert.equal((await get(studentA, '/api/analytics/dashboard')).statusCode, 403);
    const instructor = await get(owner, '/api/analytics/dashboard');
    assert.equal(instructor.statusCode, 403);
    assert.equal(instructor.json().error.code, 'INSUFFICIENT_PERMISSIONS');
    assert.equal((await get(undefined, '/api/analytics/dashboard')).statusCode, 401);
  });
});

describe('GET /api/analytics/reports/dau', () => {
  it('counts today live and past days from the rollups', async () => {
    const todays = await get(admin, '/api/analytics/reports/dau');
    assert.equal(todays.statusCode, 200, todays.body);
    assert.equal(todays.json().dau, 8);
    assert.equal(todays.json().date, dayOf(0));
    assert.equal(typeof todays.json().updated_at, 'string');
    assert.equal((await get(admin, `/api/analytics/reports/dau?date=${dayOf(-1)}`)).json().dau, 1);
    assert.equal((await get(admin, `/api/analytics/reports/dau?date=${dayOf(-10)}`)).json().dau, 1);
    assert.equal((await get(admin, `/api/analytics/reports/dau?date=${dayOf(-20)}`)).json().dau, 0);
  });

  it('takes a late event into the rollup of its day at the next run, and only that day', async () => {
    await ingest([{ ts: at(-1, 300), user_id: u5, type: 'page_view', payload: { page: '/late' } }]);
    // The scheduled run may have come first; either way yesterday is the only day rebuilt.
    const rebuilt = await lectern.modules.analytics.runRollups();
    assert.ok(
      rebuilt.every((day) => day === dayOf(-1)),
      JSON.stringify(rebuilt),
    );
    assert.equal((await get(admin, `/api/analytics/reports/dau?date=${dayOf(-1)}`)).json().dau, 2);
  });

  it('refuses a bad date with 400, and non-admins with 403', async () => {
    const bad = await get(admin, '/api/analytics/reports/dau?date=yesterday');
    assert.equal(bad.statusCode, 400);
    assert.ok('date' in bad.json().error.details);
    assert.equal((await get(studentA, '/api/analytics/reports/dau')).statusCode, 403);
    assert.equal((await get(owner, '/api/analytics/reports/dau')).statusCode, 403);
    assert.equal((await get(undefined, '/api/analytics/reports/dau')).statusCode, 401);
  });
});
