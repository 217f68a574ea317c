// 002's enrolment and overall progress through HTTP: enrol (body and course path), list,
// detail, unenrol, mass assignment ignored, who sees whose enrolment.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { djangoCaller } from './django-helpers.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern);
const call = djangoCaller(lectern);

async function publishedCourse() {
  const course = (await call('POST', '/api/courses/', owner.auth, { title: 'Enrol me', status: 'published' })).json();
  const section = (await call('POST', `/api/courses/${course.id}/sections/`, owner.auth, { title: 'S' })).json();
  const lecture = (
    await call('POST', `/api/sections/${section.id}/lectures/`, owner.auth, { title: 'L', content_type: 'text' })
  ).json();
  return { course, lecture };
}

describe('002 enrollments', () => {
  it('enrols with {course}, ignoring read-only fields; twice is refused', async () => {
    const { course } = await publishedCourse();
    const created = await call('POST', '/api/enrollments/', studentA.auth, {
      course: course.id,
      user: studentB.id,
      status: 'completed',
      payment_status: 'paid',
      progress_percentage: 100,
    });
    assert.equal(created.statusCode, 201, created.body);
    const enrollment = created.json();
    assert.equal(enrollment.user, studentA.id);
    assert.equal(enrollment.status, 'active');
    assert.equal(enrollment.payment_status, 'free');
    assert.equal(enrollment.progress_percentage, 0);
    assert.equal(created.headers['location'], `/api/enrollments/${enrollment.id}/`);
    const again = await call('POST', `/api/courses/${course.id}/enroll/`, studentA.auth);
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(typeof again.json().detail, 'string');
    const missing = await call('POST', '/api/enrollments/', studentA.auth, {});
    assert.deepEqual(missing.json(), { course: ['This field is required.'] });
    assert.equal((await call('POST', '/api/enrollments/', undefined, { course: course.id })).statusCode, 401);
  });

  it('enrols through the course path, lists mine, shows progress, unenrols', async () => {
    const { course, lecture } = await publishedCourse();
    const created = await call('POST', `/api/courses/${course.id}/enroll/`, studentB.auth);
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const mine = (await call('GET', '/api/enrollments/', studentB.auth)).json();
    assert.equal(mine.count, 1);
    assert.equal(mine.results[0].course, course.id);
    assert.equal(mine.results[0].course_title, 'Enrol me');
    assert.equal(mine.next, null);

    const progress = await call('GET', `/api/enrollments/${id}/progress/`, studentB.auth);
    assert.equal(progress.statusCode, 200, progress.body);
    assert.equal(progress.json().total_lectures, 1);
    assert.equal(progress.json().completed_lectures, 0);
    assert.ok(progress.json().lectures.every((l: { lecture: string }) => l.lecture === lecture.id));

    for (const [who, status] of [
      [studentB, 200],
      [owner, 200],
      [admin, 200],
    ] as const) {
      assert.equal((await call('GET', `/api/enrollments/${id}/`, who.auth)).statusCode, status);
    }
    for (const who of [studentA, otherInstructor]) {
      const refused = await call('GET', `/api/enrollments/${id}/`, who.auth);
      assert.equal(refused.statusCode, 404, `${who.role} ${refused.statusCode}`);
      assert.equal(typeof refused.json().detail, 'string');
      assert.equal((await call('DELETE', `/api/enrollments/${id}/`, who.auth)).statusCode, 404);
      assert.equal((await call('GET', `/api/enrollments/${id}/progress/`, who.auth)).statusCode, 404);
    }
    for (const staff of [owner, admin]) {
      const seen = await call('GET', `/api/enrollments/${id}/progress/`, staff.auth);
      assert.equal(seen.statusCode, 200, seen.body);
      assert.equal(seen.json().enrollment, id);
    }
    assert.equal((await call('GET', `/api/enrollments/${id}/progress/`)).statusCode, 401);
    assert.equal((await call('GET', `/api/enrollments/${id}/`)).statusCode, 401);
    assert.equal((await call('DELETE', `/api/enrollments/${id}/`, studentB.auth)).statusCode, 204);
    const after = (await call('GET', `/api/enrollments/${id}/`, studentB.auth)).json();
    assert.equal(after.status, 'cancelled');
  });
});
