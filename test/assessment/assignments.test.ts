import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { api, createCast } from './setup.ts';

const lectern = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: '86400' });
const cast = await createCast(lectern);

type Row = Record<string, unknown>;
const inHours = (hours: number) => new Date(lectern.clock.now().getTime() + hours * 3_600_000).toISOString();

async function createAssignment(settings: Row = {}) {
  const response = await api(lectern, cast.owner, 'POST', `/courses/${cast.courseId}/assignments`, {
    title: 'Build a React application',
    description: 'Components and state',
    due_date: inHours(24),
    max_score: 100,
    ...settings,
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body!['id'] as string;
}

async function uploadPdf(user: TestUser): Promise<string> {
  const boundary = '----lectern-assessment-test';
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

describe('assignments: CRUD on a course', () => {
  it('creates, reads, updates and deletes; only the course staff and admins change them', async () => {
    const body = {
      title: 'Essay',
      due_date: inHours(48),
      max_score: 20,
      late_policy: 'penalize',
      late_penalty_percentage: 10,
    };
    for (const user of [cast.outsider, cast.studentA]) {
      assert.equal((await api(lectern, user, 'POST', `/courses/${cast.courseId}/assignments`, body)).status, 403);
    }
    assert.equal((await api(lectern, undefined, 'POST', `/courses/${cast.courseId}/assignments`, body)).status, 401);
    assert.equal(
      (await api(lectern, cast.owner, 'POST', `/courses/00000000-0000-4000-8000-000000000000/assignments`, body))
        .status,
      404,
    );
    assert.equal(
      (await api(lectern, cast.owner, 'POST', `/courses/${cast.courseId}/assignments`, { ...body, max_score: 0 }))
        .status,
      422,
    );
    assert.equal((await api(lectern, cast.admin, 'POST', `/courses/${cast.courseId}/assignments`, body)).status, 201);
    const created = await api(lectern, cast.owner, 'POST', `/courses/${cast.courseId}/assignments`, {
      ...body,
      lesson_id: cast.lessonId,
    });
    assert.equal(created.status, 201);
    const id = created.body!['id'] as string;
    assert.equal(created.body!['max_score'], 20);
    assert.equal(created.body!['late_policy'], 'penalize');
    assert.equal(created.body!['due_date'], body.due_date);
    assert.equal(created.body!['submissions_count'], 0);

    for (const user of [cast.owner, cast.admin, cast.studentA])
      assert.equal((await api(lectern, user, 'GET', `/assignments/${id}`)).status, 200);
    for (const user of [cast.outsider, cast.stranger])
      assert.equal((await api(lectern, user, 'GET', `/assignments/${id}`)).status, 403);
    const listed = await api(lectern, cast.studentB, 'GET', `/courses/${cast.courseId}/assignments`);
    assert.equal(listed.status, 200);
    assert.ok((listed.body!['items'] as Row[]).some((a) => a['id'] === id));
    assert.equal((await api(lectern, cast.stranger, 'GET', `/courses/${cast.courseId}/assignments`)).status, 403);

    for (const user of [cast.outsider, cast.studentA]) {
      assert.equal((await api(lectern, user, 'PATCH', `/assignments/${id}`, { title: 'Mine' })).status, 403);
      assert.equal((await api(lectern, user, 'DELETE', `/assignments/${id}`)).status, 403);
    }
    const patched = await api(lectern, cast.owner, 'PATCH', `/assignments/${id}`, {
      title: 'Long essay',
      due_date: null,
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body!['title'], 'Long essay');
    assert.equal(patched.body!['due_date'], null);
    assert.equal((await api(lectern, cast.owner, 'DELETE', `/assignments/${id}`)).status, 204);
    assert.equal((await api(lectern, cast.owner, 'GET', `/assignments/${id}`)).status, 404);
  });
});

describe('assignments: submissions and grading', () => {
  it('takes text and an uploaded file from enrolled students; resubmission replaces the work before the due date', async () => {
    const id = await createAssignment();
    for (const user of [cast.stranger, cast.outsider, cast.owner]) {
      assert.equal((await api(lectern, user, 'POST', `/assignments/${id}/submissions`, { content: 'x' })).status, 403);
    }
    assert.equal((await api(lectern, cast.studentA, 'POST', `/assignments/${id}/submissions`, {})).status, 422);

    const fileId = await uploadPdf(cast.studentA);
    const first = await api(lectern, cast.studentA, 'POST', `/assignments/${id}/submissions`, {
      content: 'My first try',
      file_id: fileId,
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body!['student_id'], cast.studentA.id);
    assert.equal(first.body!['file_id'], fileId);
    assert.equal(first.body!['status'], 'submitted');
    assert.equal(first.body!['is_late'], false);
    // Another student's file cannot be attached.
    const stolen = await api(lectern, cast.studentB, 'POST', `/assignments/${id}/submissions`, { file_id: fileId });
    assert.equal(stolen.status, 404);

    lectern.clock.advance(3_600_000);
    const second = await api(lectern, cast.studentA, 'POST', `/assignments/${id}/submissions`, { content: 'Better' });
    assert.equal(second.status, 200);
    assert.equal(second.body!['id'], first.body!['id']);
    assert.equal(second.body!['submission_count'], 2);
    assert.equal(second.body!['content'], 'Better');
    assert.equal(second.body!['file_id'], null);
    assert.equal(
      (await api(lectern, cast.studentB, 'POST', `/assignments/${id}/submissions`, { content: 'B work' })).status,
      201,
    );

    const mine = await api(lectern, cast.studentA, 'GET', `/assignments/${id}/submissions/mine`);
    assert.equal(mine.body!['content'], 'Better');
    assert.equal((await api(lectern, cast.stranger, 'GET', `/assignments/${id}/submissions/mine`)).status, 403);
  });

  it('shows a submission to its author and the course staff only; lists for staff only', async () => {
    const id = await createAssignment();
    const a = await api(lectern, cast.studentA, 'POST', `/assignments/${id}/submissions`, { content: 'A work' });
    await api(lectern, cast.studentB, 'POST', `/assignments/${id}/submissions`, { content: 'B work' });
    const submissionId = a.body!['id'] as string;
    for (const user of [cast.studentA, cast.owner, cast.admin])
      assert.equal((await api(lectern, user, 'GET', `/submissions/${submissionId}`)).status, 200);
    for (const user of [cast.studentB, cast.outsider, cast.stranger])
      assert.equal((await api(lectern, user, 'GET', `/submissions/${submissionId}`)).status, 404);

    for (const user of [cast.studentA, cast.outsider])
      assert.equal((await api(lectern, user, 'GET', `/assignments/${id}/submissions`)).status, 403);
    const listed = await api(lectern, cast.owner, 'GET', `/assignments/${id}/submissions`);
    assert.equal(listed.status, 200);
    assert.equal(listed.body!['total'], 2);
    assert.equal(
      (await api(lectern, cast.admin, 'GET', `/assignments/${id}/submissions?status=graded`)).body!['total'],
      0,
    );
  });

  it('grades with feedback, score at most the maximum; a graded submission is final', async () => {
    const id = await createAssignment({ max_score: 50 });
    const a = await api(lectern, cast.studentA, 'POST', `/assignments/${id}/submissions`, { content: 'A work' });
    const submissionId = a.body!['id'] as string;
    assert.equal(
      (await api(lectern, cast.owner, 'POST', `/submissions/${submissionId}/grade`, { score: 51 })).status,
      422,
    );
    assert.equal(
      (await api(lectern, cast.studentA, 'POST', `/submissions/${submissionId}/grade`, { score: 50 })).status,
      403,
    );
    assert.equal(
      (await api(lectern, cast.studentB, 'POST', `/submissions/${submissionId}/grade`, { score: 50 })).status,
      403,
    );
    assert.equal(
      (await api(lectern, cast.outsider, 'POST', `/submissions/${submissionId}/grade`, { score: 50 })).status,
      404,
    );
    const graded = await api(lectern, cast.owner, 'POST', `/submissions/${submissionId}/grade`, {
      score: 42.5,
      feedback: 'Solid work',
    });
    assert.equal(graded.status, 200);
    assert.equal(graded.body!['status'], 'graded');
    assert.equal(graded.body!['score'], 42.5);
    assert.equal(graded.body!['final_score'], 42.5);
    assert.equal(graded.body!['feedback'], 'Solid work');
    assert.equal(graded.body!['graded_by'], cast.owner.id);
    const seen = await api(lectern, cast.studentA, 'GET', `/assignments/${id}/submissions/mine`);
    assert.equal(seen.body!['feedback'], 'Solid work');
    assert.equal(
      (await api(lectern, cast.studentA, 'POST', `/assignments/${id}/submissions`, { content: 'Again' })).status,
      409,
    );
    const listed = await api(lectern, cast.owner, 'GET', `/courses/${cast.courseId}/assignments?page_size=100`);
    const row = (listed.body!['items'] as Row[]).find((x) => x['id'] === id)!;
    assert.equal(row['submissions_count'], 1);
    assert.equal(row['graded_count'], 1);
  });

  it('applies the late policy: refuse, accept marked late, or penalize; returned work may come back', async () => {
    const refuse = await createAssignment({ due_date: inHours(1), late_policy: 'refuse' });
    const accept = await createAssignment({ due_date: inHours(1), late_policy: 'accept' });
    const penalize = await createAssignment({
      due_date: inHours(1),
      late_policy: 'penalize',
      late_penalty_percentage: 20,
    });
    const early = await api(lectern, cast.studentB, 'POST', `/assignments/${accept}/submissions`, {
      content: 'On time',
    });
    assert.equal(early.status, 201);
    lectern.clock.advance(2 * 3_600_000);

    assert.equal(
      (await api(lectern, cast.studentA, 'POST', `/assignments/${refuse}/submissions`, { content: 'Late' })).status,
      410,
    );
    const late = await api(lectern, cast.studentA, 'POST', `/assignments/${accept}/submissions`, { content: 'Late' });
    assert.equal(late.status, 201);
    assert.equal(late.body!['is_late'], true);
    // No resubmission after the due date...
    assert.equal(
      (await api(lectern, cast.studentB, 'POST', `/assignments/${accept}/submissions`, { content: 'Edit' })).status,
      410,
    );
    // ...unless the instructor returned the work.
    await api(lectern, cast.owner, 'POST', `/submissions/${early.body!['id']}/grade`, {
      score: 40,
      status: 'returned',
      feedback: 'Redo part 2',
    });
    const redo = await api(lectern, cast.studentB, 'POST', `/assignments/${accept}/submissions`, { content: 'Redone' });
    assert.equal(redo.status, 200);
    assert.equal(redo.body!['status'], 'submitted');
    assert.equal(redo.body!['score'], null);

    const penalized = await api(lectern, cast.studentA, 'POST', `/assignments/${penalize}/submissions`, {
      content: 'Late',
    });
    const graded = await api(lectern, cast.owner, 'POST', `/submissions/${penalized.body!['id']}/grade`, { score: 80 });
    assert.equal(graded.body!['score'], 80);
    assert.equal(graded.body!['final_score'], 64);
  });
});
