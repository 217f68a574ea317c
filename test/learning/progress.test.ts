import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast, createUser } from '../helpers/factories.ts';
import { completeLesson, enrol, makeCourse } from './learning-helpers.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern);

const inject = (user: TestUser | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  lectern.app.inject({ method, url: `/api/v1${url}`, headers: user?.auth ?? {}, ...(payload ? { payload } : {}) });
const db = lectern.database.db;

/** A published course whose lessons are videos of `seconds` each. */
async function videoCourse(lessons: number, seconds: number) {
  const course = await makeCourse(lectern, owner, { lessons });
  await db
    .updateTable('lessons')
    .set({ type: 'video', duration_seconds: seconds })
    .where('course_id', '=', course.id)
    .execute();
  return course;
}

describe('completing lessons', () => {
  it('answers 001 shape, keeps course progress current and completes the enrolment on the last lesson', async () => {
    const course = await makeCourse(lectern, owner, { lessons: 3 });
    const enrollment = await enrol(lectern, studentA, course.id);
    const [l1, l2, l3] = course.lessonIds as [string, string, string];

    const first = await completeLesson(lectern, studentA, enrollment.id, l1);
    assert.equal(first.statusCode, 200);
    const body = first.json();
    assert.equal(body.lesson_id, l1);
    assert.equal(body.completed, true);
    assert.match(body.completed_at, /Z$/);
    assert.equal(body.enrollment_progress_percentage, 33.33);
    assert.equal(body.enrollment_status, 'active');

    lectern.clock.advance(60_000);
    const again = await completeLesson(lectern, studentA, enrollment.id, l1);
    assert.equal(again.json().completed_at, body.completed_at, 'the first completion time is kept');
    assert.equal(again.json().enrollment_progress_percentage, 33.33);

    await completeLesson(lectern, studentA, enrollment.id, l2);
    const last = (await completeLesson(lectern, studentA, enrollment.id, l3)).json();
    assert.equal(last.enrollment_progress_percentage, 100);
    assert.equal(last.enrollment_status, 'completed');
    const row = await db
      .selectFrom('enrollments')
      .selectAll()
      .where('id', '=', enrollment.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'completed');
    assert.equal(Number(row.progress_percentage), 100);
    assert.ok(row.completed_at);
    const got = (await inject(studentA, 'GET', `/enrollments/${enrollment.id}`)).json();
    assert.equal(got.status, 'completed');
    assert.ok(got.completed_at);
  });

  it('counts required lessons only when some are optional', async () => {
    const course = await makeCourse(lectern, owner, { lessons: 3 });
    await db.updateTable('lessons').set({ is_required: false }).where('id', '=', course.lessonIds[2]!).execute();
    const enrollment = await enrol(lectern, studentA, course.id);
    await completeLesson(lectern, studentA, enrollment.id, course.lessonIds[0]!);
    const last = (await completeLesson(lectern, studentA, enrollment.id, course.lessonIds[1]!)).json();
    assert.equal(last.enrollment_status, 'completed');
    assert.equal(last.enrollment_progress_percentage, 100);
  });

  it('concurrent completions of one student all count', async () => {
    const course = await makeCourse(lectern, owner, { lessons: 6 });
    const enrollment = await enrol(lectern, studentB, course.id);
    const responses = await Promise.all(
      course.lessonIds.map((id) => completeLesson(lectern, studentB, enrollment.id, id)),
    );
    assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [200]);
    const row = await db
      .selectFrom('enrollments')
      .selectAll()
      .where('id', '=', enrollment.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(row.progress_percentage), 100);
    assert.equal(row.status, 'completed');
  });

  it('refuses another student, a lesson of another course and a cancelled enrolment', async () => {
    const course = await makeCourse(lectern, owner, { lessons: 2 });
    const other = await makeCourse(lectern, owner, { lessons: 1 });
    const enrollment = await enrol(lectern, studentA, course.id);
    for (const user of [studentB, otherInstructor, owner, admin]) {
      assert.equal(
        (await completeLesson(lectern, user, enrollment.id, course.lessonIds[0]!)).statusCode,
        404,
        user.email,
      );
    }
    assert.equal((await completeLesson(lectern, studentA, enrollment.id, other.lessonIds[0]!)).statusCode, 404);
    assert.equal((await completeLesson(lectern, studentA, enrollment.id, randomUUID())).statusCode, 404);
    const rows = await db
      .selectFrom('lesson_progress')
      .select('id')
      .where('enrollment_id', '=', enrollment.id)
      .execute();
    assert.equal(rows.length, 0);
    await lectern.app.inject({ method: 'DELETE', url: `/api/v1/enrollments/${enrollment.id}`, headers: studentA.auth });
    assert.equal((await completeLesson(lectern, studentA, enrollment.id, course.lessonIds[0]!)).statusCode, 409);
  });
});

describe('per-lesson progress (000 users_progress fields)', () => {
  it('stores score and video-watched, and completion through PUT', async () => {
    const course = await makeCourse(lectern, owner, { lessons: 2 });
    const enrollment = await enrol(lectern, studentA, course.id);
    const url = `/enrollments/${enrollment.id}/lessons/${course.lessonIds[0]}/progress`;
    const response = await inject(studentA, 'PUT', url, { score: 85, video_watched: true });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().score, 85);
    assert.equal(response.json().video_watched, true);
    assert.equal(response.json().completed, false);
    const done = (await inject(studentA, 'PUT', url, { completed: true })).json();
    assert.equal(done.completed, true);
    assert.equal(done.score, 85);
    for (const intruder of [studentB, otherInstructor, owner, admin]) {
      assert.equal((await inject(intruder, 'PUT', url, { completed: true })).statusCode, 404, intruder.email);
    }
    assert.equal((await inject(studentA, 'PUT', url, { completed: true, user_id: studentB.id })).statusCode, 422);

    const progress = await inject(studentA, 'GET', `/enrollments/${enrollment.id}/progress`);
    assert.equal(progress.statusCode, 200);
    assert.equal(progress.json().progress_percentage, 50);
    assert.equal(progress.json().completed_lessons, 1);
    assert.equal(progress.json().total_lessons, 2);
    assert.equal(progress.json().lessons.length, 1);
  });

  it('GET progress: student, course staff and admin; not another student or instructor', async () => {
    const course = await makeCourse(lectern, owner, { lessons: 1 });
    const enrollment = await enrol(lectern, studentA, course.id);
    for (const [user, status] of [
      [studentA, 200],
      [owner, 200],
      [admin, 200],
      [studentB, 404],
      [otherInstructor, 404],
    ] as const) {
      assert.equal(
        (await inject(user, 'GET', `/enrollments/${enrollment.id}/progress`)).statusCode,
        status,
        user.email,
      );
    }
  });
});

describe('video watch spans', () => {
  it('stores spans, counts unique seconds watched and completes a video lesson at 90%', async () => {
    const course = await videoCourse(2, 100);
    const enrollment = await enrol(lectern, studentA, course.id);
    const url = `/enrollments/${enrollment.id}/lessons/${course.lessonIds[0]}/watch`;
    let response = await inject(studentA, 'POST', url, { from_seconds: 0, to_seconds: 30 });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().watched_seconds, 30);
    assert.equal(response.json().completion_percentage, 30);
    assert.equal(response.json().last_position_seconds, 30);
    response = await inject(studentA, 'POST', url, { from_seconds: 20, to_seconds: 50 });
    assert.equal(response.json().watched_seconds, 50, 'overlap counted once');
    assert.equal(response.json().video_watched, false);
    response = await inject(studentA, 'POST', url, { from_seconds: 50, to_seconds: 95 });
    assert.equal(response.json().watched_seconds, 95);
    assert.equal(response.json().video_watched, true);
    assert.equal(response.json().completed, true);
    const enrollmentNow = (await inject(studentA, 'GET', `/enrollments/${enrollment.id}`)).json();
    assert.equal(enrollmentNow.progress_percentage, 50);
    const spans = await db.selectFrom('watch_spans').selectAll().where('enrollment_id', '=', enrollment.id).execute();
    assert.deepEqual(
      spans.map((s) => [s.start_seconds, s.end_seconds]).sort((a, b) => a[0]! - b[0]!),
      [
        [0, 30],
        [20, 50],
        [50, 95],
      ],
    );
    for (const intruder of [studentB, otherInstructor, owner, admin]) {
      assert.equal(
        (await inject(intruder, 'POST', url, { from_seconds: 0, to_seconds: 10 })).statusCode,
        404,
        intruder.email,
      );
    }
    assert.equal(
      (await db.selectFrom('watch_spans').select('id').where('enrollment_id', '=', enrollment.id).execute()).length,
      3,
    );
    assert.equal((await inject(studentA, 'POST', url, { from_seconds: -1, to_seconds: 10 })).statusCode, 422);
  });

  it('computes views, unique viewers, completion rate, average watch time and drop-off for staff', async () => {
    const course = await videoCourse(1, 100);
    const lessonId = course.lessonIds[0]!;
    const viewers = [
      await createUser(lectern),
      await createUser(lectern),
      await createUser(lectern),
      await createUser(lectern),
    ];
    const watch = async (user: TestUser, enrollmentId: string, from: number, to: number, session?: string) =>
      assert.equal(
        (
          await inject(user, 'POST', `/enrollments/${enrollmentId}/lessons/${lessonId}/watch`, {
            from_seconds: from,
            to_seconds: to,
            ...(session ? { session_id: session } : {}),
          })
        ).statusCode,
        200,
      );
    const enrollments: string[] = [];
    for (const viewer of viewers) enrollments.push((await enrol(lectern, viewer, course.id)).id);
    await watch(viewers[0]!, enrollments[0]!, 0, 100, randomUUID());
    const session = randomUUID();
    await watch(viewers[1]!, enrollments[1]!, 0, 20, session);
    await watch(viewers[1]!, enrollments[1]!, 20, 32, session);
    await watch(viewers[1]!, enrollments[1]!, 0, 10, randomUUID());
    await watch(viewers[2]!, enrollments[2]!, 0, 35);
    await watch(viewers[3]!, enrollments[3]!, 0, 75);

    const response = await inject(owner, 'GET', `/lessons/${lessonId}/video-stats`);
    assert.equal(response.statusCode, 200);
    const stats = response.json();
    assert.equal(stats.duration_seconds, 100);
    assert.equal(stats.unique_viewers, 4);
    assert.equal(stats.total_views, 5);
    assert.equal(stats.completion_rate, 25);
    assert.equal(stats.average_watch_time, Math.round((100 + 32 + 35 + 75) / 4));
    assert.equal(stats.drop_off_points[0], 34, 'two viewers stopped between 30 and 40 s');
    assert.ok(stats.drop_off_points.includes(75));
    assert.equal(stats.retention.length, 10);
    assert.deepEqual(stats.retention[0], { from_seconds: 0, to_seconds: 10, viewers: 4 });
    assert.equal(stats.retention[9].viewers, 1);

    assert.equal((await inject(admin, 'GET', `/lessons/${lessonId}/video-stats`)).statusCode, 200);
    assert.equal((await inject(otherInstructor, 'GET', `/lessons/${lessonId}/video-stats`)).statusCode, 403);
    assert.equal((await inject(studentA, 'GET', `/lessons/${lessonId}/video-stats`)).statusCode, 403);
    assert.equal((await inject(owner, 'GET', `/lessons/${randomUUID()}/video-stats`)).statusCode, 404);
  });
});
