import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast, createUser } from '../helpers/factories.ts';
import { completeLesson, enrol, makeCourse } from './learning-helpers.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern);

const inject = (user: TestUser | undefined, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  lectern.app.inject({ method, url: `/api/v1${url}`, headers: user?.auth ?? {}, ...(payload ? { payload } : {}) });

const enrollmentRow = (id: string) =>
  lectern.database.db.selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirst();
const seatsTaken = async (courseId: string) =>
  (
    await lectern.database.db
      .selectFrom('courses')
      .select('enrolled_count')
      .where('id', '=', courseId)
      .executeTakeFirstOrThrow()
  ).enrolled_count;

describe('enrolment', () => {
  it('enrols through 001 POST /enrollments with the documented shape, once', async () => {
    const course = await makeCourse(lectern, owner);
    const response = await inject(studentA, 'POST', '/enrollments', { course_id: course.id });
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.equal(body.course_id, course.id);
    assert.equal(body.student_id, studentA.id);
    assert.equal(body.completed_at, null);
    assert.equal(body.status, 'active');
    assert.equal(body.payment_status, 'free');
    assert.equal(body.progress_percentage, 0);
    assert.match(body.enrolled_at, /Z$/);
    const again = await inject(studentA, 'POST', '/enrollments', { course_id: course.id });
    assert.equal(again.statusCode, 409);
    assert.equal(typeof again.json().detail, 'string');
    assert.equal(await seatsTaken(course.id), 1);
  });

  it('enrols by course, refuses unpublished and unknown courses, and requires a token', async () => {
    const course = await makeCourse(lectern, owner);
    const byCourse = await inject(studentB, 'POST', `/courses/${course.id}/enroll`);
    assert.equal(byCourse.statusCode, 201);
    assert.equal(byCourse.json().course_id, course.id);

    const draft = await makeCourse(lectern, owner, { publish: false });
    assert.equal((await inject(studentA, 'POST', '/enrollments', { course_id: draft.id })).statusCode, 404);
    assert.equal(
      (await inject(studentA, 'POST', '/enrollments', { course_id: '00000000-0000-4000-8000-000000000000' }))
        .statusCode,
      404,
    );
    assert.equal((await inject(undefined, 'POST', '/enrollments', { course_id: course.id })).statusCode, 401);
    assert.equal(
      (await inject(studentA, 'POST', '/enrollments', { course_id: course.id, status: 'completed' })).statusCode,
      422,
    );
  });

  it('cancels (student, by id or by course), frees the seat and allows re-enrolment', async () => {
    const course = await makeCourse(lectern, owner, { maxStudents: 1 });
    const first = await enrol(lectern, studentA, course.id);
    assert.equal((await inject(studentB, 'POST', '/enrollments', { course_id: course.id })).statusCode, 409);
    assert.equal((await inject(studentB, 'DELETE', `/enrollments/${first.id}`)).statusCode, 404);

    const cancelled = await inject(studentA, 'DELETE', `/enrollments/${first.id}`);
    assert.equal(cancelled.statusCode, 200);
    assert.equal(cancelled.json().status, 'cancelled');
    assert.ok(cancelled.json().cancelled_at);
    assert.equal(await seatsTaken(course.id), 0);
    assert.equal((await inject(studentA, 'DELETE', `/enrollments/${first.id}`)).statusCode, 409);

    const second = await enrol(lectern, studentB, course.id);
    assert.equal((await inject(studentB, 'DELETE', `/courses/${course.id}/enroll`)).statusCode, 200);
    assert.equal((await enrollmentRow(second.id))?.status, 'cancelled');

    const back = await enrol(lectern, studentA, course.id);
    assert.equal(back.id, first.id);
    assert.equal(back.status, 'active');
    assert.equal(await seatsTaken(course.id), 1);
  });

  it('lists my courses with progress, newest first, paginated', async () => {
    const student = await createUser(lectern);
    const one = await makeCourse(lectern, owner, { lessons: 4 });
    const two = await makeCourse(lectern, owner, { lessons: 2 });
    const e1 = await enrol(lectern, student, one.id);
    lectern.clock.advance(1000);
    await enrol(lectern, student, two.id);
    assert.equal((await completeLesson(lectern, student, e1.id, one.lessonIds[0]!)).statusCode, 200);

    const response = await inject(student, 'GET', '/enrollments/my-courses?page_size=1');
    assert.equal(response.statusCode, 200);
    const page = response.json();
    assert.equal(page.total, 2);
    assert.equal(page.pages, 2);
    assert.equal(page.items[0].course.id, two.id);
    const all = (await inject(student, 'GET', '/enrollments/my-courses')).json();
    const first = all.items.find((i: { id: string }) => i.id === e1.id);
    assert.equal(first.progress_percentage, 25);
    assert.equal(typeof first.course.title, 'string');
    assert.equal(
      (await inject(studentB, 'GET', '/enrollments/my-courses'))
        .json()
        .items.some((i: { id: string }) => i.id === e1.id),
      false,
    );
    assert.equal((await inject(student, 'GET', '/enrollments/my-courses?page_size=101')).statusCode, 422);
  });
});

describe('enrolment authorization', () => {
  it('GET /enrollments/{id}: the student, the course staff and admins; others get 404', async () => {
    const course = await makeCourse(lectern, owner);
    const enrollment = await enrol(lectern, studentA, course.id);
    for (const [user, status] of [
      [studentA, 200],
      [owner, 200],
      [admin, 200],
      [studentB, 404],
      [otherInstructor, 404],
    ] as const) {
      assert.equal((await inject(user, 'GET', `/enrollments/${enrollment.id}`)).statusCode, status, user.email);
    }
    assert.equal((await inject(undefined, 'GET', `/enrollments/${enrollment.id}`)).statusCode, 401);
  });

  it('course roster and cancellation by staff: owner and admin yes; other instructor and students no', async () => {
    const course = await makeCourse(lectern, owner);
    const enrollment = await enrol(lectern, studentA, course.id);
    const roster = await inject(owner, 'GET', `/courses/${course.id}/enrollments`);
    assert.equal(roster.statusCode, 200);
    assert.deepEqual(
      roster.json().items.map((e: { id: string }) => e.id),
      [enrollment.id],
    );
    assert.equal((await inject(admin, 'GET', `/courses/${course.id}/enrollments`)).statusCode, 200);
    assert.equal((await inject(otherInstructor, 'GET', `/courses/${course.id}/enrollments`)).statusCode, 403);
    assert.equal((await inject(studentA, 'GET', `/courses/${course.id}/enrollments`)).statusCode, 403);

    assert.equal((await inject(otherInstructor, 'DELETE', `/enrollments/${enrollment.id}`)).statusCode, 404);
    assert.equal((await inject(studentB, 'DELETE', `/enrollments/${enrollment.id}`)).statusCode, 404);
    assert.equal((await inject(owner, 'DELETE', `/enrollments/${enrollment.id}`)).statusCode, 200);
    const again = await enrol(lectern, studentA, course.id);
    assert.equal((await inject(admin, 'DELETE', `/enrollments/${again.id}`)).statusCode, 200);
  });
});

describe('paid courses', () => {
  it('refuses self-enrolment; staff grant it free; other instructors and students may not grant', async () => {
    const course = await makeCourse(lectern, owner, { price: '49.00' });
    const refused = await inject(studentA, 'POST', '/enrollments', { course_id: course.id });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json().detail, /paid/);

    assert.equal(
      (await inject(studentB, 'POST', `/courses/${course.id}/enrollments/grant`, { user_id: studentA.id })).statusCode,
      403,
    );
    assert.equal(
      (await inject(otherInstructor, 'POST', `/courses/${course.id}/enrollments/grant`, { user_id: studentA.id }))
        .statusCode,
      403,
    );
    const granted = await inject(owner, 'POST', `/courses/${course.id}/enrollments/grant`, { user_id: studentA.id });
    assert.equal(granted.statusCode, 201);
    assert.equal(granted.json().student_id, studentA.id);
    assert.equal(granted.json().payment_status, 'free');
    assert.equal((await enrollmentRow(granted.json().id))?.granted_by, owner.id);
    assert.equal(
      (await inject(admin, 'POST', `/courses/${course.id}/enrollments/grant`, { user_id: studentB.id })).statusCode,
      201,
    );
    assert.equal(
      (await inject(admin, 'POST', `/courses/${course.id}/enrollments/grant`, { user_id: studentB.id })).statusCode,
      409,
    );
    const ghost = await inject(admin, 'POST', `/courses/${course.id}/enrollments/grant`, {
      user_id: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(ghost.statusCode, 404);
  });

  it('admins record a payment (paid) and refund it (refunded, cancelled, seat freed)', async () => {
    const course = await makeCourse(lectern, owner, { price: '19.99', maxStudents: 3 });
    const payment = { user_id: studentA.id, amount: '19.99', reference: 'INV-1' };
    assert.equal((await inject(owner, 'POST', `/courses/${course.id}/enrollments/payments`, payment)).statusCode, 403);
    assert.equal(
      (await inject(otherInstructor, 'POST', `/courses/${course.id}/enrollments/payments`, payment)).statusCode,
      403,
    );
    assert.equal(
      (await inject(studentB, 'POST', `/courses/${course.id}/enrollments/payments`, payment)).statusCode,
      403,
    );
    assert.equal(
      (await inject(studentA, 'POST', `/courses/${course.id}/enrollments/payments`, payment)).statusCode,
      403,
    );
    const paid = await inject(admin, 'POST', `/courses/${course.id}/enrollments/payments`, payment);
    assert.equal(paid.statusCode, 201);
    assert.equal(paid.json().payment_status, 'paid');
    const stored = await lectern.database.db
      .selectFrom('enrollment_payments')
      .selectAll()
      .where('enrollment_id', '=', paid.json().id)
      .execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.amount, '19.99');
    assert.equal(stored[0]!.reference, 'INV-1');
    assert.equal(await seatsTaken(course.id), 1);

    assert.equal((await inject(studentA, 'POST', `/enrollments/${paid.json().id}/refund`)).statusCode, 403);
    assert.equal((await inject(owner, 'POST', `/enrollments/${paid.json().id}/refund`)).statusCode, 403);
    assert.equal((await inject(otherInstructor, 'POST', `/enrollments/${paid.json().id}/refund`)).statusCode, 403);
    assert.equal((await inject(studentB, 'POST', `/enrollments/${paid.json().id}/refund`)).statusCode, 403);
    const refunded = await inject(admin, 'POST', `/enrollments/${paid.json().id}/refund`);
    assert.equal(refunded.statusCode, 200);
    assert.equal(refunded.json().payment_status, 'refunded');
    assert.equal(refunded.json().status, 'cancelled');
    assert.equal(await seatsTaken(course.id), 0);
    assert.equal((await inject(studentA, 'POST', '/enrollments', { course_id: course.id })).statusCode, 403);
    assert.equal((await inject(admin, 'POST', `/enrollments/${paid.json().id}/refund`)).statusCode, 409);
  });
});

describe('capacity under concurrency', () => {
  it('20 parallel enrolments into a 5-seat course give exactly five 201s and five rows', async () => {
    const course = await makeCourse(lectern, owner, { maxStudents: 5 });
    const students = await Promise.all(Array.from({ length: 20 }, () => createUser(lectern)));
    const responses = await Promise.all(
      students.map((s) => inject(s, 'POST', '/enrollments', { course_id: course.id })),
    );
    const statuses = responses.map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 5);
    assert.equal(statuses.filter((s) => s === 409).length, 15);
    const full = responses.find((r) => r.statusCode === 409)!;
    assert.match(full.json().detail, /seats/);
    const rows = await lectern.database.db
      .selectFrom('enrollments')
      .select('id')
      .where('course_id', '=', course.id)
      .execute();
    assert.equal(rows.length, 5);
    assert.equal(await seatsTaken(course.id), 5);
  });

  it('the same student enrolling 5 times at once gets one enrolment', async () => {
    const course = await makeCourse(lectern, owner);
    const student = await createUser(lectern);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => inject(student, 'POST', '/enrollments', { course_id: course.id })),
    );
    assert.deepEqual(responses.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409]);
    assert.equal(await seatsTaken(course.id), 1);
  });
});
