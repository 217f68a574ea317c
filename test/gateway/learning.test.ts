// 000's enrolment and progress paths: enrol, leave, my courses, lesson progress and the course
// percentage that follows it, each with its authorization matrix and 000's error format.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { assertGatewayError, gatewayClient, gatewayCourse } from './gateway-helpers.ts';

const lectern = await startTestApp();
const req = gatewayClient(lectern);
const { owner: teacher, otherInstructor: otherTeacher, admin, studentA, studentB } = await createCast(lectern);

describe('000 enrolment', () => {
  it('enrols, lists my courses, and unenrols', async () => {
    const course = await gatewayCourse(lectern, teacher, { lessons: 2 });
    assertGatewayError(await req('POST', `/content/courses/${course.id}/enroll`), 401);
    const enrolled = await req('POST', `/content/courses/${course.id}/enroll`, studentA);
    assert.equal(enrolled.statusCode, 201, enrolled.body);
    assert.equal(enrolled.json().message, 'Enrolled successfully');
    const enrollment = enrolled.json().enrollment;
    assert.equal(enrollment.course_id, course.id);
    assert.equal(enrollment.user_id, studentA.id);
    assert.ok(Date.parse(enrollment.enrolled_at));
    assertGatewayError(await req('POST', `/content/courses/${course.id}/enroll`, studentA), 409);

    const mine = await req('GET', '/content/courses/my-courses', studentA);
    assert.equal(mine.statusCode, 200);
    const [entry] = mine.json().enrolled_courses;
    assert.equal(entry.id, course.id);
    assert.equal(entry.progress_percentage, 0);
    assert.ok(Date.parse(entry.enrolled_at));
    assert.ok('last_accessed' in entry);
    // B sees only their own.
    assert.deepEqual((await req('GET', '/content/courses/my-courses', studentB)).json(), { enrolled_courses: [] });
    assertGatewayError(await req('GET', '/content/courses/my-courses'), 401);

    // Enrolled, A may watch the video.
    const lessons = await req('GET', `/content/lessons?course_id=${course.id}`, studentA);
    assert.equal(lessons.json()[0].video_url, 'https://vimeo.com/100001');

    assertGatewayError(await req('DELETE', `/content/courses/${course.id}/unenroll`, studentB), 404);
    const left = await req('DELETE', `/content/courses/${course.id}/unenroll`, studentA);
    assert.equal(left.statusCode, 200);
    assert.deepEqual(left.json(), { message: 'Unenrolled successfully' });
    assert.deepEqual((await req('GET', '/content/courses/my-courses', studentA)).json(), { enrolled_courses: [] });
    const relisted = await req('GET', `/content/lessons?course_id=${course.id}`, studentA);
    assert.equal(relisted.json()[0].video_url, null);
  });

  it('refuses drafts, unknown and paid courses in 000 format', async () => {
    const draft = await gatewayCourse(lectern, teacher, { lessons: 1, publish: false });
    assertGatewayError(await req('POST', `/content/courses/${draft.id}/enroll`, studentA), 404);
    assertGatewayError(await req('POST', `/content/courses/${randomUUID()}/enroll`, studentA), 404);
    const paid = await gatewayCourse(lectern, teacher, { lessons: 1, price: 20 });
    assertGatewayError(
      await req('POST', `/content/courses/${paid.id}/enroll`, studentA),
      403,
      'LEARNING_PAYMENT_REQUIRED',
    );
    assertGatewayError(await req('POST', '/content/courses/not-a-uuid/enroll', studentA), 422);
  });
});

describe('000 progress', () => {
  it('records lesson progress and keeps the course percentage current', async () => {
    const course = await gatewayCourse(lectern, teacher, { lessons: 2 });
    const [first, second] = course.lessonIds as [string, string];
    // Not enrolled: nothing to update.
    assertGatewayError(
      await req('PUT', `/content/users_progress/?lesson_id=${first}`, studentB, { completed: true }),
      404,
    );
    await req('POST', `/content/courses/${course.id}/enroll`, studentA);

    const none = await req('GET', `/content/users_progress/course/${course.id}`, studentA);
    assert.deepEqual(none.json(), [
      { lesson_id: first, completed: false, score: null, video_watched: false },
      { lesson_id: second, completed: false, score: null, video_watched: false },
    ]);

    const updated = await req('PUT', `/content/users_progress/?lesson_id=${first}`, studentA, {
      completed: true,
      score: 85,
      video_watched: true,
    });
    assert.equal(updated.statusCode, 200, updated.body);
    assert.equal(updated.json().message, 'Progress updated successfully');
    const progress = updated.json().progress;
    assert.equal(progress.lesson_id, first);
    assert.equal(progress.user_id, studentA.id);
    assert.equal(progress.completed, true);
    assert.equal(progress.score, 85);
    assert.equal(progress.video_watched, true);
    assert.ok(Date.parse(progress.completed_at));
    assert.equal(progress.course_progress_percentage, 50);

    const mine = await req('GET', '/content/courses/my-courses', studentA);
    assert.equal(mine.json().enrolled_courses[0].progress_percentage, 50);
    assert.ok(Date.parse(mine.json().enrolled_courses[0].last_accessed));

    const list = await req('GET', '/content/users_progress', studentA);
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().length, 1);
    assert.deepEqual(Object.keys(list.json()[0]).sort(), [
      'completed',
      'completed_at',
      'course_id',
      'id',
      'lesson_id',
      'score',
      'user_id',
      'video_watched',
      'watch_time_seconds',
    ]);
    // Others see none of it.
    assert.deepEqual((await req('GET', '/content/users_progress', studentB)).json(), []);
    const byCourseForB = await req('GET', `/content/users_progress/course/${course.id}`, studentB);
    assert.equal(byCourseForB.json()[0].completed, false);

    await req('PUT', `/content/users_progress/?lesson_id=${second}`, studentA, { completed: true });
    const done = await req('GET', '/content/courses/my-courses', studentA);
    assert.equal(done.json().enrolled_courses[0].progress_percentage, 100);
    assert.equal(done.json().enrolled_courses[0].status, 'completed');
  });

  it("answers 000's errors for progress requests", async () => {
    const draft = await gatewayCourse(lectern, teacher, { lessons: 1, publish: false });
    assertGatewayError(await req('GET', `/content/users_progress/course/${draft.id}`, studentA), 404);
    assert.equal((await req('GET', `/content/users_progress/course/${draft.id}`, teacher)).statusCode, 200);
    assertGatewayError(await req('GET', `/content/users_progress/course/${draft.id}`, otherTeacher), 404);
    assert.equal((await req('GET', `/content/users_progress/course/${draft.id}`, admin)).statusCode, 200);
    assertGatewayError(await req('GET', '/content/users_progress'), 401);
    assertGatewayError(await req('PUT', `/content/users_progress/?lesson_id=${randomUUID()}`, studentA, {}), 404);
    assertGatewayError(await req('PUT', '/content/users_progress/', studentA, { completed: true }), 422);
    assertGatewayError(
      await req('PUT', `/content/users_progress/?lesson_id=${draft.lessonIds[0]}`, studentA, { score: 101 }),
      422,
    );
  });
});
