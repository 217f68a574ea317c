// 004's course service at /v1/courses: the public list and detail, instructor create (published
// at once, price > 0), partial update and delete by the course's staff only, 004's envelope and
// codes for every outcome, and the same courses as every other contract (enrolments made
// elsewhere count in current_students).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast, createUser } from '../helpers/factories.ts';
import { data, failure, v1 } from './helpers.ts';

const lectern = await startTestApp();
const request = v1(lectern);
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern);
const native = (user: TestUser | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
  lectern.app.inject({ method, url: `/api/v1${url}`, headers: user?.auth ?? {}, ...(payload ? { payload } : {}) });

const COURSE_KEYS = [
  'created_at',
  'currency',
  'current_students',
  'description',
  'duration_minutes',
  'id',
  'instructor_id',
  'instructor_name',
  'max_students',
  'name',
  'price',
  'schedule',
  'updated_at',
];

const piano = {
  name: 'Advanced Piano Techniques',
  description: 'Master advanced piano playing techniques',
  price: 100000,
  duration_minutes: 90,
  max_students: 8,
  schedule: ['Tuesday 15:00', 'Thursday 15:00'],
};

async function create(by: TestUser, body: object = piano) {
  return data(await request('POST', '/courses', { auth: by, payload: body }), 201);
}

describe('POST /v1/courses', () => {
  it('creates a published course owned by the instructor, with the documented shape and Location', async () => {
    const response = await request('POST', '/courses', { auth: owner, payload: piano });
    const course = data(response, 201);
    assert.deepEqual(Object.keys(course).sort(), COURSE_KEYS);
    assert.equal(response.headers.location, `/v1/courses/${course.id}`);
    assert.equal(course.name, piano.name);
    assert.equal(course.price, 100000);
    assert.equal(course.duration_minutes, 90);
    assert.equal(course.max_students, 8);
    assert.equal(course.current_students, 0);
    assert.deepEqual(course.schedule, piano.schedule);
    assert.equal(course.instructor_id, owner.id);
    assert.equal(course.instructor_name, 'Test User');
    // Published at once: anyone reads it here and through the native contract, as the same course.
    assert.equal(data(await request('GET', `/courses/${course.id}`)).name, piano.name);
    const nativeCourse = (await native(undefined, 'GET', `/courses/${course.id}`)).json();
    assert.equal(nativeCourse.title, piano.name);
    assert.equal(nativeCourse.status, 'published');
    assert.equal(nativeCourse.price, '100000.00');
    assert.equal(nativeCourse.session_duration_minutes, 90);
  });

  it('lets admins create, refuses students (403) and anonymous callers (401)', async () => {
    assert.equal((await create(admin)).instructor_id, admin.id);
    const refused = failure(await request('POST', '/courses', { auth: studentA, payload: piano }), 403, 'FORBIDDEN');
    assert.equal(refused.message, 'Only instructors can create courses');
    failure(await request('POST', '/courses', { payload: piano }), 401, 'UNAUTHORIZED');
  });

  it('requires a price above 0 and valid fields, listing each invalid field', async () => {
    for (const price of [0, -5]) {
      const error = failure(
        await request('POST', '/courses', { auth: owner, payload: { ...piano, price } }),
        400,
        'VALIDATION_ERROR',
      );
      assert.equal(error.message, 'Validation failed');
      assert.deepEqual(
        error.details?.map((detail) => detail.field),
        ['price'],
      );
    }
    const noPrice = failure(
      await request('POST', '/courses', { auth: owner, payload: { name: 'Free?' } }),
      400,
      'VALIDATION_ERROR',
    );
    assert.deepEqual(
      noPrice.details?.map((detail) => detail.field),
      ['price'],
    );
    const decimals = failure(
      await request('POST', '/courses', { auth: owner, payload: { ...piano, price: 10.555 } }),
      400,
      'VALIDATION_ERROR',
    );
    assert.deepEqual(
      decimals.details?.map((detail) => detail.field),
      ['price'],
    );
    for (const [field, value] of [
      ['name', ''],
      ['duration_minutes', 0],
      ['max_students', 0],
      ['max_students', 2_000_000],
      ['schedule', ['x'.repeat(101)]],
      ['status', 'draft'],
    ] as const) {
      const error = failure(
        await request('POST', '/courses', { auth: owner, payload: { ...piano, [field]: value } }),
        400,
        'VALIDATION_ERROR',
      );
      assert.ok(
        error.details?.some((detail) => detail.field.startsWith(field)),
        `${field}: ${JSON.stringify(error)}`,
      );
    }
    // Nothing was created by the refused requests.
    const mine = data(await request('GET', `/courses?instructor_id=${owner.id}&limit=100`));
    assert.ok(mine.courses.every((course: { price: number }) => course.price > 0));
  });
});

describe('GET /v1/courses', () => {
  it('pages the published courses with {courses, pagination}, filters by instructor and search', async () => {
    const teacher = await createUser(lectern, { role: 'instructor', fullName: 'Paging Teacher' });
    const word = `zq${randomBytes(3).toString('hex')}`;
    for (let i = 1; i <= 12; i++) {
      lectern.clock.advance(1000);
      await create(teacher, { name: `Course ${i} ${i % 4 === 0 ? word : 'plain'}`, price: 1000 * i });
    }
    // A draft made through the native contract is not listed, nor readable here.
    const draft = await createCourse(lectern, teacher, { title: `Draft ${word}` });

    const first = data(await request('GET', `/courses?instructor_id=${teacher.id}`));
    assert.equal(first.courses.length, 10);
    assert.deepEqual(first.pagination, { page: 1, limit: 10, total: 12, total_pages: 2 });
    const page = data(await request('GET', `/courses?instructor_id=${teacher.id}&page=3&limit=5`));
    assert.deepEqual(page.pagination, { page: 3, limit: 5, total: 12, total_pages: 3 });
    assert.equal(page.courses.length, 2);
    // Newest first: the last page holds the first two created.
    assert.deepEqual(
      page.courses.map((course: { name: string }) => course.name),
      ['Course 2 plain', 'Course 1 plain'],
    );
    const beyond = data(await request('GET', `/courses?instructor_id=${teacher.id}&page=9&limit=5`));
    assert.deepEqual(beyond.courses, []);
    assert.equal(beyond.pagination.total, 12);

    const found = data(await request('GET', `/courses?search=${word}`));
    assert.deepEqual(found.courses.map((course: { name: string }) => course.name).sort(), [
      `Course 12 ${word}`,
      `Course 4 ${word}`,
      `Course 8 ${word}`,
    ]);
    assert.equal(found.pagination.total, 3);
    for (const course of found.courses) assert.deepEqual(Object.keys(course).sort(), COURSE_KEYS);
    failure(await request('GET', `/courses/${draft.id}`), 404, 'COURSE_NOT_FOUND');
    // Even its owner, through 004's public read.
    failure(await request('GET', `/courses/${draft.id}`, { auth: teacher }), 404, 'COURSE_NOT_FOUND');
  });

  it('caps limit at 100 and refuses bad paging with 400 VALIDATION_ERROR', async () => {
    assert.equal(data(await request('GET', '/courses?limit=100')).pagination.limit, 100);
    for (const [query, field] of [
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['page=0', 'page'],
      ['limit=ten', 'limit'],
      ['instructor_id=someone', 'instructor_id'],
      [`search=${'x'.repeat(201)}`, 'search'],
    ]) {
      const error = failure(await request('GET', `/courses?${query}`), 400, 'VALIDATION_ERROR');
      assert.deepEqual(
        error.details?.map((detail) => detail.field),
        [field],
        query,
      );
    }
  });
});

describe('GET /v1/courses/:id', () => {
  it('answers the course with capacity and schedule; COURSE_NOT_FOUND for an unknown id', async () => {
    const course = await create(owner);
    const read = data(await request('GET', `/courses/${course.id}`));
    assert.deepEqual(read, course);
    const missing = failure(
      await request('GET', '/courses/00000000-0000-4000-8000-000000000000'),
      404,
      'COURSE_NOT_FOUND',
    );
    assert.equal(missing.message, "Course with ID '00000000-0000-4000-8000-000000000000' not found");
    const malformed = failure(await request('GET', '/courses/course-uuid-1'), 400, 'VALIDATION_ERROR');
    assert.deepEqual(
      malformed.details?.map((detail) => detail.field),
      ['id'],
    );
  });

  it('counts enrolments made elsewhere in current_students: grants and recorded payments', async () => {
    const course = await create(owner, { ...piano, max_students: 3 });
    const grant = await native(owner, 'POST', `/courses/${course.id}/enrollments/grant`, { user_id: studentA.id });
    assert.equal(grant.statusCode, 201, grant.body);
    const paid = await native(admin, 'POST', `/courses/${course.id}/enrollments/payments`, {
      user_id: studentB.id,
      amount: '100000.00',
    });
    assert.equal(paid.statusCode, 201, paid.body);
    const read = data(await request('GET', `/courses/${course.id}`));
    assert.equal(read.current_students, 2);
    assert.equal(read.max_students, 3);
    // A paid course: a student cannot just enrol.
    const self = await native(studentB, 'POST', `/courses/${course.id}/enroll`);
    assert.notEqual(self.statusCode, 201);
  });

  it('shows a course made through another contract under 004 names', async () => {
    const made = await createCourse(lectern, owner, { publish: true, price: '75.50', maxStudents: 20 });
    const read = data(await request('GET', `/courses/${made.id}`));
    assert.equal(read.price, 75.5);
    assert.equal(read.max_students, 20);
    assert.equal(read.duration_minutes, null);
    assert.deepEqual(read.schedule, []);
  });
});

describe('PUT /v1/courses/:id', () => {
  it('updates only the fields sent, for the owner and admins', async () => {
    const course = await create(owner);
    const updated = data(
      await request('PUT', `/courses/${course.id}`, {
        auth: owner,
        payload: { price: 120000, max_students: 10, description: 'Updated description' },
      }),
    );
    assert.equal(updated.price, 120000);
    assert.equal(updated.max_students, 10);
    assert.equal(updated.description, 'Updated description');
    assert.equal(updated.name, piano.name);
    assert.deepEqual(updated.schedule, piano.schedule);
    assert.equal(
      data(await request('PUT', `/courses/${course.id}`, { auth: admin, payload: { name: 'Renamed' } })).name,
      'Renamed',
    );
    assert.equal(data(await request('GET', `/courses/${course.id}`)).name, 'Renamed');
  });

  it('refuses other instructors and students (403 FORBIDDEN) and anonymous callers (401)', async () => {
    const course = await create(owner);
    for (const user of [otherInstructor, studentA]) {
      failure(await request('PUT', `/courses/${course.id}`, { auth: user, payload: { price: 1 } }), 403, 'FORBIDDEN');
    }
    failure(await request('PUT', `/courses/${course.id}`, { payload: { price: 1 } }), 401, 'UNAUTHORIZED');
    assert.equal(data(await request('GET', `/courses/${course.id}`)).price, piano.price);
  });

  it('validates like create, and keeps capacity above the enrolled students', async () => {
    const course = await create(owner, { ...piano, max_students: 5 });
    failure(
      await request('PUT', `/courses/${course.id}`, { auth: owner, payload: { price: 0 } }),
      400,
      'VALIDATION_ERROR',
    );
    failure(
      await request('PUT', '/courses/00000000-0000-4000-8000-000000000000', { auth: owner, payload: { price: 5 } }),
      404,
      'COURSE_NOT_FOUND',
    );
    await native(owner, 'POST', `/courses/${course.id}/enrollments/grant`, { user_id: studentA.id });
    await native(owner, 'POST', `/courses/${course.id}/enrollments/grant`, { user_id: studentB.id });
    failure(
      await request('PUT', `/courses/${course.id}`, { auth: owner, payload: { max_students: 1 } }),
      409,
      'CAPACITY_BELOW_ENROLLED',
    );
    assert.equal(data(await request('GET', `/courses/${course.id}`)).max_students, 5);
  });
});

describe('DELETE /v1/courses/:id', () => {
  it('deletes for the owner with {success, message}; others are refused', async () => {
    const course = await create(owner);
    for (const user of [otherInstructor, studentA]) {
      failure(await request('DELETE', `/courses/${course.id}`, { auth: user }), 403, 'FORBIDDEN');
    }
    failure(await request('DELETE', `/courses/${course.id}`), 401, 'UNAUTHORIZED');
    const deleted = await request('DELETE', `/courses/${course.id}`, { auth: owner });
    assert.equal(deleted.statusCode, 200);
    assert.deepEqual(deleted.json(), { success: true, message: 'Course deleted successfully' });
    failure(await request('GET', `/courses/${course.id}`), 404, 'COURSE_NOT_FOUND');
    failure(await request('DELETE', `/courses/${course.id}`, { auth: owner }), 404, 'COURSE_NOT_FOUND');
    const byAdmin = await create(owner);
    assert.equal((await request('DELETE', `/courses/${byAdmin.id}`, { auth: admin })).statusCode, 200);
  });

  it('refuses to delete a course with enrolled students (409)', async () => {
    const course = await create(owner);
    await native(owner, 'POST', `/courses/${course.id}/enrollments/grant`, { user_id: studentA.id });
    failure(await request('DELETE', `/courses/${course.id}`, { auth: owner }), 409, 'COURSE_HAS_ENROLLMENTS');
    data(await request('GET', `/courses/${course.id}`));
  });
});

describe('unknown paths and methods under /v1', () => {
  it('answers 404 NOT_FOUND and 405 METHOD_NOT_ALLOWED in the envelope', async () => {
    failure(await request('GET', '/nowhere'), 404, 'NOT_FOUND');
    const notAllowed = await request('PATCH', '/courses');
    failure(notAllowed, 405, 'METHOD_NOT_ALLOWED');
    assert.equal(notAllowed.headers.allow, 'GET, HEAD, POST');
    failure(await request('POST', '/me'), 405, 'METHOD_NOT_ALLOWED');
  });
});
