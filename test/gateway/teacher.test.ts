// 000's teacher pages: assignments across all of a teacher's courses with submission counts, and
// the students enrolled in them with progress and last activity; who sees which, 000's errors.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast, createUser } from '../helpers/factories.ts';
import { assertGatewayError, gatewayClient, gatewayCourse } from './gateway-helpers.ts';

const lectern = await startTestApp();
const req = gatewayClient(lectern);
const {
  owner: teacher,
  otherInstructor: otherTeacher,
  admin,
  studentA,
  studentB,
} = await createCast(lectern, {
  studentAName: 'Ada Student',
});
const coTeacher = await createUser(lectern, { role: 'instructor' });

// The teacher's two courses (A in both, B in none), and the other teacher's course (B only).
const first = await gatewayCourse(lectern, teacher, { lessons: 2 });
const second = await gatewayCourse(lectern, teacher, { lessons: 2 });
const foreign = await gatewayCourse(lectern, otherTeacher, { lessons: 1 });
for (const [student, course] of [
  [studentA, first],
  [studentA, second],
  [studentB, foreign],
] as const)
  assert.equal((await req('POST', `/content/courses/${course.id}/enroll`, student)).statusCode, 201);
// A co-teaches the second course: it is one of "their courses" too.
const added = await lectern.app.inject({
  method: 'POST',
  url: `/api/v1/courses/${second.id}/instructors`,
  headers: teacher.auth,
  payload: { user_id: coTeacher.id },
});
assert.ok(added.statusCode < 300, added.body);

describe('000 teacher assignments', () => {
  it('creates assignments in own courses and lists them across all of them with counts', async () => {
    const created = await req('POST', '/content/teacher/assignments', teacher, {
      course_id: first.id,
      title: 'React Project',
      description: 'Build a React application',
      due_date: '2030-01-15T23:59:59Z',
      max_score: 100,
    });
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json();
    assert.equal(body.message, 'Assignment created successfully');
    assert.equal(body.id, body.assignment.id);
    assert.equal(created.headers['location'], `/api/v1/assignments/${body.id}`);
    assert.deepEqual(body.assignment, {
      id: body.id,
      course_id: first.id,
      title: 'React Project',
      description: 'Build a React application',
      due_date: '2030-01-15T23:59:59.000Z',
      max_score: 100,
      submissions_count: 0,
      graded_count: 0,
    });
    const other = await req('POST', '/content/teacher/assignments', coTeacher, {
      course_id: second.id,
      title: 'Essay',
    });
    assert.equal(other.statusCode, 201, other.body);
    const foreignWork = await req('POST', '/content/teacher/assignments', otherTeacher, {
      course_id: foreign.id,
      title: 'Elsewhere',
    });
    assert.equal(foreignWork.statusCode, 201);

    // A hands in work for both; the first is graded.
    const submitted = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/assignments/${body.id}/submissions`,
      headers: studentA.auth,
      payload: { content: 'My app' },
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const secondSubmission = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/assignments/${other.json().id}/submissions`,
      headers: studentA.auth,
      payload: { content: 'My essay' },
    });
    assert.equal(secondSubmission.statusCode, 201);
    const graded = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/submissions/${submitted.json().id}/grade`,
      headers: teacher.auth,
      payload: { score: 80 },
    });
    assert.equal(graded.statusCode, 200, graded.body);

    const list = await req('GET', '/content/teacher/assignments', teacher);
    assert.equal(list.statusCode, 200, list.body);
    assert.equal(list.headers['x-total-count'], '2');
    const rows = list.json().assignments as { id: string; submissions_count: number; graded_count: number }[];
    // Soonest due first; no due date last.
    assert.deepEqual(
      rows.map((a) => [a.id, a.submissions_count, a.graded_count]),
      [
        [body.id, 1, 1],
        [other.json().id, 1, 0],
      ],
    );
    // The co-teacher sees the second course's only; the other teacher only theirs; an admin all.
    const co = await req('GET', '/content/teacher/assignments', coTeacher);
    assert.deepEqual(
      co.json().assignments.map((a: { id: string }) => a.id),
      [other.json().id],
    );
    const theirs = await req('GET', '/content/teacher/assignments', otherTeacher);
    assert.deepEqual(
      theirs.json().assignments.map((a: { id: string }) => a.id),
      [foreignWork.json().id],
    );
    const all = await req('GET', '/content/teacher/assignments?limit=2&page=2', admin);
    assert.equal(all.headers['x-total-count'], '3');
    assert.equal(all.json().assignments.length, 1);
  });

  it("refuses students, anonymous callers and other teachers' courses in 000 format", async () => {
    assertGatewayError(await req('GET', '/content/teacher/assignments', studentA), 403);
    assertGatewayError(await req('GET', '/content/teacher/assignments'), 401);
    const payload = { course_id: first.id, title: 'Not mine' };
    assertGatewayError(await req('POST', '/content/teacher/assignments', otherTeacher, payload), 403);
    assertGatewayError(await req('POST', '/content/teacher/assignments', studentA, payload), 403);
    assertGatewayError(await req('POST', '/content/teacher/assignments', null, payload), 401);
    assertGatewayError(
      await req('POST', '/content/teacher/assignments', teacher, { course_id: randomUUID(), title: 'Gone' }),
      404,
    );
    const invalid = await req('POST', '/content/teacher/assignments', teacher, { course_id: first.id, title: '' });
    assertGatewayError(invalid, 422);
    assert.equal(invalid.json().detail[0].field, 'title');
    // An admin may create in any course.
    const byAdmin = await req('POST', '/content/teacher/assignments', admin, { course_id: foreign.id, title: 'Admin' });
    assert.equal(byAdmin.statusCode, 201);
  });
});

describe('000 teacher students', () => {
  it("lists only the students of the teacher's courses with progress and last activity", async () => {
    // A completes one of the two lessons of the first course: 50% there, 0% in the second.
    lectern.clock.advance(60_000);
    const done = await req('PUT', `/content/users_progress/?lesson_id=${first.lessonIds[0]}`, studentA, {
      completed: true,
    });
    assert.equal(done.statusCode, 200, done.body);
    const at = lectern.clock.now().toISOString();

    const list = await req('GET', '/content/teacher/students', teacher);
    assert.equal(list.statusCode, 200, list.body);
    assert.equal(list.headers['x-total-count'], '1');
    assert.deepEqual(list.json().students, [
      {
        id: studentA.id,
        name: 'Ada Student',
        email: studentA.email,
        enrolled_courses: 2,
        total_progress: 25,
        last_activity: at,
      },
    ]);

    // The co-teacher sees A through the second course only; the other teacher only B.
    const co = (await req('GET', '/content/teacher/students', coTeacher)).json().students;
    assert.deepEqual(
      co.map((s: { id: string; enrolled_courses: number; total_progress: number }) => [
        s.id,
        s.enrolled_courses,
        s.total_progress,
      ]),
      [[studentA.id, 1, 0]],
    );
    const theirs = (await req('GET', '/content/teacher/students', otherTeacher)).json().students;
    assert.deepEqual(
      theirs.map((s: { id: string }) => s.id),
      [studentB.id],
    );
    // An admin sees every enrolled student, most recently active first.
    const all = await req('GET', '/content/teacher/students', admin);
    assert.deepEqual(
      all.json().students.map((s: { id: string }) => s.id),
      [studentA.id, studentB.id],
    );

    // Leaving a course takes the student off that teacher's list.
    assert.equal((await req('DELETE', `/content/courses/${foreign.id}/unenroll`, studentB)).statusCode, 200);
    assert.deepEqual((await req('GET', '/content/teacher/students', otherTeacher)).json(), { students: [] });
  });

  it('refuses students and anonymous callers in 000 format', async () => {
    assertGatewayError(await req('GET', '/content/teacher/students', studentA), 403);
    assertGatewayError(await req('GET', '/content/teacher/students'), 401);
    assertGatewayError(await req('GET', '/content/teacher/students?limit=0', teacher), 422);
  });
});
