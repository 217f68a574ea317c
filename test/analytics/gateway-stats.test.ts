// 000's admin statistics against a known data set made through the API: three courses (two of a
// teacher, one of another), video watching to a completed course, recorded payments in two
// currencies; live figures for today, then the same figures from the rollups a day later.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sql } from 'kysely';

import { ROLLUPS_JOB } from '../../src/modules/analytics/index.ts';
import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser, logIn } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { app } = lectern;
const actor = (user: TestUser) => ({ id: user.id, role: user.role, sessionId: '' });
const catalog = lectern.modules.catalog;

const [teacher, outsider, admin, s1, s2, s3, s4] = await Promise.all([
  createUser(lectern, { role: 'instructor' }),
  createUser(lectern, { role: 'instructor' }),
  createUser(lectern, { role: 'admin' }),
  createUser(lectern),
  createUser(lectern),
  createUser(lectern),
  createUser(lectern),
]);
const everyone = [teacher, outsider, admin, s1, s2, s3, s4];

async function course(
  owner: TestUser,
  options: { category?: string; currency?: string; videos: number[]; publish: boolean },
) {
  const created = await catalog.createCourse(actor(owner), {
    title: `Stats course ${Math.random().toString(36).slice(2, 8)}`,
    ...(options.category ? { category: options.category } : {}),
    ...(options.currency ? { currency: options.currency } : {}),
  });
  const videos: string[] = [];
  for (const [i, seconds] of options.videos.entries()) {
    const lesson = await catalog.createLesson(actor(owner), created.id, {
      title: `Video ${i + 1}`,
      type: 'video',
      video_url: 'https://videos.example.test/v.mp4',
      duration_seconds: seconds,
      status: 'published',
    });
    videos.push(lesson.id);
  }
  if (options.publish) await catalog.publishCourse(actor(owner), created.id);
  return { id: created.id, title: created.title, videos };
}

async function call(user: TestUser | undefined, method: 'GET' | 'POST', url: string, payload?: object) {
  return app.inject({ method, url: `/api/v1${url}`, headers: user ? user.auth : {}, ...(payload ? { payload } : {}) });
}
async function ok(user: TestUser, method: 'POST', url: string, payload: object, status: number) {
  const response = await call(user, method, url, payload);
  assert.equal(response.statusCode, status, response.body);
}
const watch = (user: TestUser, lessonId: string, seconds: number) =>
  ok(
    user,
    'POST',
    `/content/videos/${lessonId}/watch-progress`,
    { progress_seconds: seconds, total_duration: seconds },
    200,
  );

await ok(admin, 'POST', '/categories', { name: 'Programming' }, 201);
await ok(admin, 'POST', '/categories', { name: 'Design' }, 201);
// The teacher: c1 (programming, EUR, two videos, published) and c2 (draft, one video, no category).
const c1 = await course(teacher, { category: 'programming', currency: 'EUR', videos: [100, 60], publish: true });
await course(teacher, { videos: [30], publish: false });
// The outsider: c3 (design, USD, one video, published).
const c3 = await course(outsider, { category: 'design', videos: [200], publish: true });

await ok(s1, 'POST', '/enrollments', { course_id: c1.id }, 201);
await ok(s2, 'POST', '/enrollments', { course_id: c1.id }, 201);
await ok(s3, 'POST', '/enrollments', { course_id: c3.id }, 201);
// s1 watches both videos of c1 (so completes it), s2 the first; s3 the video of c3.
await watch(s1, c1.videos[0]!, 100);
await watch(s1, c1.videos[1]!, 60);
await watch(s2, c1.videos[0]!, 100);
await watch(s3, c3.videos[0]!, 200);
// Payments: s2 pays 20 EUR for c1; s3 and s4 pay 49.50 USD for c3 (s4 is enrolled by it).
await ok(admin, 'POST', `/courses/${c1.id}/enrollments/payments`, { user_id: s2.id, amount: '20.00' }, 201);
await ok(admin, 'POST', `/courses/${c3.id}/enrollments/payments`, { user_id: s3.id, amount: '49.50' }, 201);
await ok(
  admin,
  'POST',
  `/courses/${c3.id}/enrollments/payments`,
  { user_id: s4.id, amount: '49.50', currency: 'USD' },
  201,
);
await lectern.queue.settle();

async function stats(user: TestUser | undefined, path = '') {
  const response = await call(user, 'GET', `/content/admin/stats${path}`);
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

/** The figures that do not depend on which day it is. */
function expectStable(today: { teacherActive: number; adminActive: number }) {
  return {
    admin: {
      total_courses: 3,
      total_students: 4,
      total_videos: 4,
      total_revenue: 99,
      currency: 'USD',
      active_students_today: today.adminActive,
      new_enrollments_this_week: 4,
    },
    teacher: {
      total_courses: 2,
      total_students: 2,
      total_videos: 3,
      total_revenue: 20,
      currency: 'EUR',
      active_students_today: today.teacherActive,
      new_enrollments_this_week: 2,
    },
  };
}

describe('GET /api/v1/content/admin/stats* today (live events)', () => {
  it('overview: a teacher’s courses, or the platform for an admin', async () => {
    const expected = expectStable({ teacherActive: 2, adminActive: 4 });
    assert.deepEqual((await stats(admin)).body, expected.admin);
    assert.deepEqual((await stats(teacher)).body, expected.teacher);
    assert.deepEqual((await stats(outsider)).body, {
      total_courses: 1,
      total_students: 2,
      total_videos: 1,
      total_revenue: 99,
      currency: 'USD',
      active_students_today: 2,
      new_enrollments_this_week: 2,
    });
  });

  it('courses by status and category', async () => {
    assert.deepEqual((await stats(admin, '/courses')).body, {
      total_courses: 3,
      published_courses: 2,
      draft_courses: 1,
      courses_by_category: { programming: 1, design: 1, uncategorized: 1 },
    });
    assert.deepEqual((await stats(teacher, '/courses')).body, {
      total_courses: 2,
      published_courses: 1,
      draft_courses: 1,
      courses_by_category: { programming: 1, uncategorized: 1 },
    });
  });

  it('students: enrolled, active, new this month, completion rate', async () => {
    assert.deepEqual((await stats(admin, '/students')).body, {
      total_students: 4,
      active_students: 4,
      new_students_this_month: 4,
      completion_rate: 50, // s1 completed c1, s3 c3 (its only video)
    });
    assert.deepEqual((await stats(teacher, '/students')).body, {
      total_students: 2,
      active_students: 2,
      new_students_this_month: 2,
      completion_rate: 50,
    });
    assert.deepEqual((await stats(outsider, '/students')).body, {
      total_students: 2,
      active_students: 2,
      new_students_this_month: 2,
      completion_rate: 50,
    });
  });

  it('videos: hours watched and the most watched video', async () => {
    assert.deepEqual((await stats(admin, '/videos')).body, {
      total_videos: 4,
      total_watch_time: '0.1 hours', // 460 s
      most_watched_video: { id: c1.videos[0], title: 'Video 1', views: 2 },
    });
    assert.deepEqual((await stats(outsider, '/videos')).body, {
      total_videos: 1,
      total_watch_time: '0 hours', // 200 s
      most_watched_video: { id: c3.videos[0], title: 'Video 1', views: 1 },
    });
  });

  it('revenue: recorded payments per course in its currency, for admins only', async () => {
    assert.deepEqual((await stats(admin, '/revenue')).body, {
      total_revenue: 99,
      monthly_revenue: 99,
      currency: 'USD',
      revenue_by_currency: [
        { currency: 'USD', total_revenue: 99, monthly_revenue: 99 },
        { currency: 'EUR', total_revenue: 20, monthly_revenue: 20 },
      ],
      revenue_by_course: [
        { course_id: c3.id, course_name: c3.title, currency: 'USD', revenue: 99, enrollments: 2 },
        { course_id: c1.id, course_name: c1.title, currency: 'EUR', revenue: 20, enrollments: 1 },
      ],
    });
    const teacherAsks = await stats(teacher, '/revenue');
    assert.equal(teacherAsks.status, 403);
  });

  it('answers students 403 and anonymous callers 401, in 000’s error format', async () => {
    for (const path of ['', '/courses', '/students', '/videos', '/revenue']) {
      const student = await stats(s1, path);
      assert.equal(student.status, 403, path);
      assert.equal(student.body['status_code'], 403);
      assert.equal(typeof student.body['error_code'], 'string');
      assert.ok(!Number.isNaN(Date.parse(String(student.body['timestamp']))));
      const anonymous = await stats(undefined, path);
      assert.equal(anonymous.status, 401, path);
      assert.equal(anonymous.body['status_code'], 401);
    }
    const wrongMethod = await call(admin, 'POST', '/content/admin/stats/videos', {});
    assert.equal(wrongMethod.statusCode, 405);
  });
});

describe('GET /api/v1/content/admin/stats* a day later (rollups)', () => {
  it('gives the same figures from the rollups once the raw events are gone, and nobody active today', async () => {
    const before = lectern.clock.now();
    lectern.clock.advance(86_400_000);
    await lectern.queue.send(ROLLUPS_JOB, {});
    await lectern.queue.settle();
    // The rollups alone must carry yesterday: its raw events are deleted.
    const day = before.toISOString().slice(0, 10);
    await sql`delete from analytics_events where ts >= ${`${day}T00:00:00Z`}::timestamptz and ts < ${`${day}T00:00:00Z`}::timestamptz + interval '1 day'`.execute(
      lectern.database.db,
    );
    for (const user of everyone) {
      user.auth = { authorization: `Bearer ${(await logIn(app, user.email, user.password)).access_token}` };
    }
    const sameMonth = before.toISOString().slice(0, 7) === lectern.clock.now().toISOString().slice(0, 7);
    const expected = expectStable({ teacherActive: 0, adminActive: 0 });
    assert.deepEqual((await stats(admin)).body, expected.admin);
    assert.deepEqual((await stats(teacher)).body, expected.teacher);
    assert.deepEqual((await stats(teacher, '/students')).body, {
      total_students: 2,
      active_students: 2,
      new_students_this_month: sameMonth ? 2 : 0,
      completion_rate: 50,
    });
    const videos = (await stats(admin, '/videos')).body;
    assert.deepEqual(videos['most_watched_video'], { id: c1.videos[0], title: 'Video 1', views: 2 });
    assert.equal(videos['total_watch_time'], '0.1 hours');
    const revenue = (await stats(admin, '/revenue')).body;
    assert.equal(revenue['total_revenue'], 99);
    assert.equal(revenue['monthly_revenue'], sameMonth ? 99 : 0);
  });
});
