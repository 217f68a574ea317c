// 002's assignments through HTTP: staff create/update/delete (due_date as a date or a
// date-time), students submit their own (score/status in the body ignored), see their own
// only, staff see all and grade against max_score; the authorization matrix on every route.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast, createUser } from '../helpers/factories.ts';
import { djangoCaller } from './django-helpers.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern);
const outsider = await createUser(lectern);
const call = djangoCaller(lectern);

const course = (
  await call('POST', '/api/courses/', owner.auth, { title: 'Assignments course', status: 'published' })
).json();
for (const student of [studentA, studentB]) {
  assert.equal((await call('POST', `/api/courses/${course.id}/enroll/`, student.auth)).statusCode, 201);
}

async function uploadPdf(user: TestUser): Promise<string> {
  const boundary = '----drf-assignment-test';
  const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="essay.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`;
  const response = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/files/upload',
    headers: { ...user.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id as string;
}

describe('002 assignments', () => {
  let pastDue = '';
  let future = '';
  let submissionA = '';
  let submissionB = '';

  it('creates assignments: staff only, due_date as a date or a date-time, read-only fields ignored', async () => {
    const url = `/api/courses/${course.id}/assignments/`;
    const body = { title: 'Python Basics', description: 'Test your Python knowledge', max_score: 100 };
    for (const who of [studentA, otherInstructor])
      assert.equal((await call('POST', url, who.auth, body)).statusCode, 403);
    assert.equal((await call('POST', url, undefined, body)).statusCode, 401);
    const invalid = await call('POST', url, owner.auth, { max_score: 0, due_date: 'next tuesday' });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(Object.keys(invalid.json()).sort(), ['due_date', 'max_score', 'title']);

    const created = await call('POST', url, owner.auth, {
      ...body,
      max_score: '100.00',
      due_date: '2026-02-01',
      created_by: studentA.id,
      submissions_count: 7,
    });
    assert.equal(created.statusCode, 201, created.body);
    const assignment = created.json();
    pastDue = assignment.id;
    assert.equal(assignment.due_date, '2026-02-01T23:59:59.999Z');
    assert.equal(assignment.max_score, '100.00');
    assert.equal(assignment.created_by, owner.id);
    assert.equal(assignment.submissions_count, 0);
    assert.equal(assignment.course, course.id);
    assert.equal(created.headers['location'], `/api/assignments/${pastDue}/`);

    const byAdmin = await call('POST', url, admin.auth, {
      title: 'Project',
      max_score: 20,
      due_date: '2030-01-01T10:00:00+02:00',
    });
    assert.equal(byAdmin.statusCode, 201, byAdmin.body);
    assert.equal(byAdmin.json().due_date, '2030-01-01T08:00:00.000Z');
    future = byAdmin.json().id;

    const elsewhere = (await call('POST', '/api/courses/', owner.auth, { title: 'Elsewhere' })).json();
    const section = (await call('POST', `/api/courses/${elsewhere.id}/sections/`, owner.auth, { title: 'S' })).json();
    const foreign = (await call('POST', `/api/sections/${section.id}/lectures/`, owner.auth, { title: 'L' })).json();
    const wrongLecture = await call('POST', url, owner.auth, { title: 'X', lecture: foreign.id });
    assert.equal(wrongLecture.statusCode, 400);
    assert.deepEqual(Object.keys(wrongLecture.json()), ['lecture']);
  });

  it('lists and reads for enrolled students and staff only', async () => {
    const list = await call('GET', `/api/courses/${course.id}/assignments/?page_size=1`, studentA.auth);
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().count, 2);
    assert.equal(list.json().results[0].id, pastDue, 'by due date');
    assert.equal(list.json().next, `http://lectern.test/api/courses/${course.id}/assignments/?page_size=1&page=2`);
    for (const who of [outsider, otherInstructor]) {
      assert.equal((await call('GET', `/api/courses/${course.id}/assignments/`, who.auth)).statusCode, 403);
      assert.equal((await call('GET', `/api/assignments/${future}/`, who.auth)).statusCode, 403);
    }
    assert.equal((await call('GET', `/api/assignments/${future}/`)).statusCode, 401);
    assert.equal((await call('GET', `/api/assignments/${future}/`, admin.auth)).json().title, 'Project');
    const missing = await call('GET', '/api/assignments/00000000-0000-4000-8000-000000000000/', owner.auth);
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(Object.keys(missing.json()), ['detail']);
  });

  it('updates (PUT vs PATCH) and deletes: staff only', async () => {
    const put = await call('PUT', `/api/assignments/${future}/`, owner.auth, { max_score: 30 });
    assert.deepEqual(put.json(), { title: ['This field is required.'] });
    const patch = await call('PATCH', `/api/assignments/${future}/`, owner.auth, { max_score: 30 });
    assert.equal(patch.statusCode, 200);
    assert.equal(patch.json().title, 'Project');
    assert.equal(patch.json().max_score, '30.00');
    const full = await call('PUT', `/api/assignments/${future}/`, admin.auth, {
      title: 'Final project',
      max_score: 50,
      due_date: '2030-06-30',
    });
    assert.equal(full.json().title, 'Final project');
    assert.equal(full.json().due_date, '2030-06-30T23:59:59.999Z');
    for (const who of [studentA, otherInstructor]) {
      assert.equal((await call('PATCH', `/api/assignments/${future}/`, who.auth, { max_score: 1 })).statusCode, 403);
    }
    const doomed = (
      await call('POST', `/api/courses/${course.id}/assignments/`, owner.auth, { title: 'Doomed' })
    ).json();
    for (const who of [studentA, otherInstructor]) {
      assert.equal((await call('DELETE', `/api/assignments/${doomed.id}/`, who.auth)).statusCode, 403);
    }
    assert.equal((await call('DELETE', `/api/assignments/${doomed.id}/`, owner.auth)).statusCode, 204);
    assert.equal((await call('GET', `/api/assignments/${doomed.id}/`, owner.auth)).statusCode, 404);
  });

  it('students submit their own work; score, status and grade in the body are ignored', async () => {
    const url = `/api/assignments/${future}/submit/`;
    for (const who of [outsider, otherInstructor]) {
      assert.equal((await call('POST', url, who.auth, { content: 'x' })).statusCode, 403);
    }
    assert.equal((await call('POST', url, undefined, { content: 'x' })).statusCode, 401);
    const empty = await call('POST', url, studentA.auth, {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(Object.keys(empty.json()), ['content']);

    const first = await call('POST', url, studentA.auth, {
      content: 'My answer',
      score: 50,
      grade: 'A',
      status: 'graded',
      feedback: 'Perfect',
      graded_by: owner.id,
      user: studentB.id,
    });
    assert.equal(first.statusCode, 201, first.body);
    const submission = first.json();
    submissionA = submission.id;
    assert.equal(submission.user, studentA.id);
    assert.equal(submission.status, 'submitted');
    assert.equal(submission.score, null);
    assert.equal(submission.feedback, null);
    assert.equal(submission.graded_by, null);
    assert.equal(submission.is_late, false);
    assert.equal(first.headers['location'], `/api/submissions/${submissionA}/`);

    const file = await uploadPdf(studentA);
    const again = await call('POST', url, studentA.auth, { content: 'Better answer', file });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().id, submissionA);
    assert.equal(again.json().submission_count, 2);
    assert.equal(again.json().file, file);
    const foreignFile = await uploadPdf(studentA);
    assert.equal((await call('POST', url, studentB.auth, { file: foreignFile })).statusCode, 404);

    const b = await call('POST', url, studentB.auth, { content: 'B answer' });
    assert.equal(b.statusCode, 201);
    submissionB = b.json().id;
    const late = await call('POST', `/api/assignments/${pastDue}/submit/`, studentB.auth, { content: 'Late' });
    assert.equal(late.statusCode, 201);
    assert.equal(late.json().is_late, true);
  });

  it('students see their own submissions only; staff of the course see all', async () => {
    const url = `/api/assignments/${future}/submissions/`;
    for (const who of [owner, admin]) {
      const all = (await call('GET', url, who.auth)).json();
      assert.equal(all.count, 2);
      assert.deepEqual(all.results.map((s: { id: string }) => s.id).sort(), [submissionA, submissionB].sort());
    }
    const mine = (await call('GET', url, studentA.auth)).json();
    assert.equal(mine.count, 1);
    assert.equal(mine.results[0].id, submissionA);
    assert.equal((await call('GET', `${url}?status=graded`, owner.auth)).json().count, 0);
    for (const who of [outsider, otherInstructor]) assert.equal((await call('GET', url, who.auth)).statusCode, 403);
    assert.equal((await call('GET', url)).statusCode, 401);

    assert.equal((await call('GET', `/api/submissions/${submissionA}/`, studentA.auth)).statusCode, 200);
    assert.equal((await call('GET', `/api/submissions/${submissionA}/`, owner.auth)).statusCode, 200);
    for (const who of [studentB, otherInstructor, outsider]) {
      assert.equal((await call('GET', `/api/submissions/${submissionA}/`, who.auth)).statusCode, 404);
    }
  });

  it('grades against max_score: staff only; a student cannot grade', async () => {
    const url = `/api/submissions/${submissionA}/grade/`;
    assert.equal((await call('POST', url, studentA.auth, { score: 50 })).statusCode, 403);
    for (const who of [studentB, otherInstructor]) {
      assert.equal((await call('POST', url, who.auth, { score: 50 })).statusCode, 404);
    }
    assert.equal((await call('POST', url, undefined, { score: 50 })).statusCode, 401);
    const tooHigh = await call('POST', url, owner.auth, { score: 51 });
    assert.equal(tooHigh.statusCode, 400);
    assert.deepEqual(Object.keys(tooHigh.json()), ['score']);
    assert.deepEqual(Object.keys((await call('POST', url, owner.auth, { feedback: 'x' })).json()), ['score']);

    const graded = await call('POST', url, owner.auth, { score: '42.5', feedback: 'Good work' });
    assert.equal(graded.statusCode, 200, graded.body);
    assert.equal(graded.json().status, 'graded');
    assert.equal(graded.json().score, '42.50');
    assert.equal(graded.json().final_score, '42.50');
    assert.equal(graded.json().graded_by, owner.id);
    assert.equal(graded.json().feedback, 'Good work');
    const seen = (await call('GET', `/api/submissions/${submissionA}/`, studentA.auth)).json();
    assert.equal(seen.score, '42.50');
    const locked = await call('POST', `/api/assignments/${future}/submit/`, studentA.auth, { content: 'Changed' });
    assert.equal(locked.statusCode, 409);

    const returned = await call('POST', `/api/submissions/${submissionB}/grade/`, admin.auth, {
      score: 10,
      status: 'pending',
    });
    assert.equal(returned.json().status, 'pending');
    const reworked = await call('POST', `/api/assignments/${future}/submit/`, studentB.auth, { content: 'Reworked' });
    assert.equal(reworked.statusCode, 200);
    assert.equal(reworked.json().status, 'submitted');
    assert.equal((await call('GET', `/api/assignments/${future}/`, owner.auth)).json().graded_count, 1);
  });
});
