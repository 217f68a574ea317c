// 002's learning progress through HTTP: per-lecture video progress (GET, POST/PUT, monotonic,
// feeding the enrolment's progress), bookmarks and notes (private to their author, paged,
// PUT vs PATCH), and who may touch them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast, createUser } from '../helpers/factories.ts';
import { djangoCaller } from './django-helpers.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern);
const call = djangoCaller(lectern);

const course = (
  await call('POST', '/api/courses/', owner.auth, { title: 'Progress course', status: 'published' })
).json();
const section = (await call('POST', `/api/courses/${course.id}/sections/`, owner.auth, { title: 'S' })).json();
const lecture = async (body: object) =>
  (await call('POST', `/api/sections/${section.id}/lectures/`, owner.auth, { title: 'L', ...body })).json();
const video = await lecture({ content_type: 'video', duration_seconds: 600 });
const unmeasured = await lecture({ content_type: 'video' });
const enrollmentA = (await call('POST', `/api/courses/${course.id}/enroll/`, studentA.auth)).json();
const enrollmentB = (await call('POST', `/api/courses/${course.id}/enroll/`, studentB.auth)).json();

describe('002 lecture progress', () => {
  const url = `/api/lectures/${video.id}/progress/`;

  it('reads zeros before the first report; only the enrolled student has one', async () => {
    const fresh = await call('GET', url, studentA.auth);
    assert.equal(fresh.statusCode, 200, fresh.body);
    assert.deepEqual(
      { ...(fresh.json() as object), updated_at: null },
      {
        id: null,
        enrollment: enrollmentA.id,
        lecture: video.id,
        watched_seconds: 0,
        total_seconds: 600,
        completion_percentage: 0,
        last_position_seconds: 0,
        is_completed: false,
        completed_at: null,
        updated_at: null,
      },
    );
    for (const notEnrolled of [owner, otherInstructor, admin]) {
      assert.equal((await call('GET', url, notEnrolled.auth)).statusCode, 404);
      assert.equal((await call('POST', url, notEnrolled.auth, { watched_seconds: 10 })).statusCode, 404);
    }
    assert.equal((await call('GET', url)).statusCode, 401);
    assert.equal((await call('PUT', url, undefined, { watched_seconds: 1 })).statusCode, 401);
  });

  it('POST and PUT record watched seconds; progress never goes back; 90% completes the lecture', async () => {
    const half = await call('POST', url, studentA.auth, { watched_seconds: 300, total_seconds: 600 });
    assert.equal(half.statusCode, 200, half.body);
    assert.equal(half.json().watched_seconds, 300);
    assert.equal(half.json().completion_percentage, 50);
    assert.equal(half.json().is_completed, false);
    const back = await call('PUT', url, studentA.auth, { watched_seconds: 100, completion_percentage: 99 });
    assert.equal(back.json().watched_seconds, 300);
    assert.equal(back.json().completion_percentage, 50);
    const done = await call('PUT', url, studentA.auth, { watched_seconds: 560, user: studentB.id });
    assert.equal(done.json().completion_percentage, 93.33);
    assert.equal(done.json().is_completed, true);
    assert.equal(done.json().enrollment, enrollmentA.id);
    // The enrolment's progress moved: one of the two lectures is complete.
    const overall = (await call('GET', `/api/enrollments/${enrollmentA.id}/progress/`, studentA.auth)).json();
    assert.equal(overall.completed_lectures, 1);
    assert.equal(overall.total_lectures, 2);
    assert.equal(overall.completion_percentage, 50);
    // Student B's progress is their own.
    assert.equal((await call('GET', url, studentB.auth)).json().watched_seconds, 0);
    assert.equal((await call('GET', url, studentA.auth)).json().watched_seconds, 560);
  });

  it('takes the length from the report when the lecture has none', async () => {
    const at = `/api/lectures/${unmeasured.id}/progress/`;
    const reported = await call('POST', at, studentB.auth, { watched_seconds: 30, total_seconds: 60 });
    assert.equal(reported.json().completion_percentage, 50);
    assert.equal(reported.json().total_seconds, 60);
    assert.equal((await call('GET', at, studentB.auth)).json().total_seconds, 60);
  });

  it('refuses invalid reports with DRF error dicts', async () => {
    assert.deepEqual((await call('POST', url, studentA.auth, {})).json(), {
      watched_seconds: ['This field is required.'],
    });
    const negative = await call('POST', url, studentA.auth, { watched_seconds: -1, completion_percentage: 101 });
    assert.equal(negative.statusCode, 400);
    assert.deepEqual(Object.keys(negative.json()).sort(), ['completion_percentage', 'watched_seconds']);
    const over = await call('POST', url, studentA.auth, { watched_seconds: 700, total_seconds: 600 });
    assert.equal(over.statusCode, 400);
    assert.deepEqual(Object.keys(over.json()), ['non_field_errors']);
    assert.equal(
      (await call('GET', '/api/lectures/00000000-0000-4000-8000-000000000000/progress/', studentA.auth)).statusCode,
      404,
    );
  });

  it('a cancelled enrolment may not report', async () => {
    const leaver = await createUser(lectern);
    const enrollment = (await call('POST', `/api/courses/${course.id}/enroll/`, leaver.auth)).json();
    assert.equal((await call('DELETE', `/api/enrollments/${enrollment.id}/`, leaver.auth)).statusCode, 204);
    const refused = await call('POST', url, leaver.auth, { watched_seconds: 10 });
    assert.equal(refused.statusCode, 409);
    assert.equal(typeof refused.json().detail, 'string');
  });
});

describe('002 bookmarks', () => {
  let bookmarkId = '';

  it('adds a bookmark through my enrolment; body fields naming others are ignored', async () => {
    const created = await call('POST', `/api/lectures/${video.id}/bookmarks/`, studentA.auth, {
      timestamp_seconds: 185,
      enrollment: enrollmentB.id,
      user: studentB.id,
    });
    assert.equal(created.statusCode, 201, created.body);
    bookmarkId = created.json().id;
    assert.equal(created.json().title, 'Bookmark at 3:05');
    assert.equal(created.json().enrollment, enrollmentA.id);
    assert.equal(created.json().lecture, video.id);
    assert.equal(created.headers['location'], `/api/bookmarks/${bookmarkId}/`);
    await call('POST', `/api/lectures/${unmeasured.id}/bookmarks/`, studentA.auth, {
      timestamp_seconds: 5,
      title: 'X',
    });
    assert.equal((await call('GET', `/api/enrollments/${enrollmentB.id}/bookmarks/`, studentB.auth)).json().count, 0);
    assert.deepEqual((await call('POST', `/api/lectures/${video.id}/bookmarks/`, studentA.auth, {})).json(), {
      timestamp_seconds: ['This field is required.'],
    });
    assert.equal(
      (await call('POST', `/api/lectures/${video.id}/bookmarks/`, owner.auth, { timestamp_seconds: 1 })).statusCode,
      404,
    );
    assert.equal(
      (await call('POST', `/api/lectures/${video.id}/bookmarks/`, undefined, { timestamp_seconds: 1 })).statusCode,
      401,
    );
  });

  it('lists my bookmarks paged, filtered by lecture; nobody else sees them', async () => {
    const page = await call('GET', `/api/enrollments/${enrollmentA.id}/bookmarks/?page_size=1`, studentA.auth);
    assert.equal(page.statusCode, 200);
    assert.equal(page.json().count, 2);
    assert.equal(
      page.json().next,
      `http://lectern.test/api/enrollments/${enrollmentA.id}/bookmarks/?page_size=1&page=2`,
    );
    const filtered = (
      await call('GET', `/api/enrollments/${enrollmentA.id}/bookmarks/?lecture=${video.id}`, studentA.auth)
    ).json();
    assert.deepEqual(
      filtered.results.map((b: { id: string }) => b.id),
      [bookmarkId],
    );
    for (const other of [studentB, owner, otherInstructor, admin]) {
      assert.equal((await call('GET', `/api/enrollments/${enrollmentA.id}/bookmarks/`, other.auth)).statusCode, 404);
      assert.equal((await call('GET', `/api/bookmarks/${bookmarkId}/`, other.auth)).statusCode, 404);
      assert.equal(
        (await call('PUT', `/api/bookmarks/${bookmarkId}/`, other.auth, { timestamp_seconds: 1 })).statusCode,
        404,
      );
      assert.equal((await call('DELETE', `/api/bookmarks/${bookmarkId}/`, other.auth)).statusCode, 404);
    }
    assert.equal((await call('GET', `/api/enrollments/${enrollmentA.id}/bookmarks/`)).statusCode, 401);
  });

  it('PATCH changes what is sent, PUT needs the position, DELETE removes', async () => {
    const url = `/api/bookmarks/${bookmarkId}/`;
    const patched = await call('PATCH', url, studentA.auth, { title: 'Important concept' });
    assert.equal(patched.json().title, 'Important concept');
    assert.equal(patched.json().timestamp_seconds, 185);
    assert.deepEqual((await call('PUT', url, studentA.auth, { title: 'x' })).json(), {
      timestamp_seconds: ['This field is required.'],
    });
    const put = await call('PUT', url, studentA.auth, { timestamp_seconds: 60 });
    assert.equal(put.json().title, 'Bookmark at 1:00');
    assert.equal((await call('DELETE', url, studentA.auth)).statusCode, 204);
    assert.deepEqual((await call('GET', url, studentA.auth)).json(), { detail: `Bookmark ${bookmarkId} not found` });
  });
});

describe('002 notes', () => {
  it('adds, lists, updates and deletes my notes; private to me', async () => {
    const created = await call('POST', `/api/lectures/${video.id}/notes/`, studentB.auth, {
      content: 'Loops come back in week 3',
      timestamp_seconds: 42,
      enrollment: enrollmentA.id,
    });
    assert.equal(created.statusCode, 201, created.body);
    const note = created.json();
    assert.equal(note.enrollment, enrollmentB.id);
    assert.equal(created.headers['location'], `/api/notes/${note.id}/`);
    assert.deepEqual(Object.keys((await call('POST', `/api/lectures/${video.id}/notes/`, studentB.auth, {})).json()), [
      'content',
    ]);
    const list = (await call('GET', `/api/enrollments/${enrollmentB.id}/notes/`, studentB.auth)).json();
    assert.equal(list.count, 1);
    assert.equal(list.results[0].content, 'Loops come back in week 3');
    for (const other of [studentA, owner, otherInstructor, admin]) {
      assert.equal((await call('GET', `/api/enrollments/${enrollmentB.id}/notes/`, other.auth)).statusCode, 404);
      assert.equal((await call('GET', `/api/notes/${note.id}/`, other.auth)).statusCode, 404);
      assert.equal((await call('PATCH', `/api/notes/${note.id}/`, other.auth, { content: 'x' })).statusCode, 404);
      assert.equal((await call('DELETE', `/api/notes/${note.id}/`, other.auth)).statusCode, 404);
    }
    assert.equal((await call('GET', `/api/notes/${note.id}/`)).statusCode, 401);
    const patched = await call('PATCH', `/api/notes/${note.id}/`, studentB.auth, { content: 'Edited' });
    assert.equal(patched.json().timestamp_seconds, 42);
    const put = await call('PUT', `/api/notes/${note.id}/`, studentB.auth, { content: 'Replaced' });
    assert.equal(put.json().content, 'Replaced');
    assert.equal(put.json().timestamp_seconds, 0);
    assert.deepEqual((await call('PUT', `/api/notes/${note.id}/`, studentB.auth, {})).json(), {
      content: ['This field is required.'],
    });
    assert.equal((await call('DELETE', `/api/notes/${note.id}/`, studentB.auth)).statusCode, 204);
    assert.equal((await call('GET', `/api/notes/${note.id}/`, studentB.auth)).statusCode, 404);
  });
});
