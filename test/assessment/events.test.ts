// Assessment's domain events through HTTP: attempts graded automatically (on submit and at the
// deadline) and by a person; assignment submissions handed in and graded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CLOSE_EXPIRED_ATTEMPTS_JOB } from '../../src/modules/assessment/index.ts';
import { startTestApp } from '../helpers/app.ts';
import { eventRecorder } from '../helpers/events.ts';
import { api, createCast, createQuiz } from './setup.ts';

const recorder = eventRecorder('test-assessment', [
  'assessment.attempt.graded',
  'assessment.submission.created',
  'assessment.submission.graded',
]);
const lectern = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: '86400' }, { beforeStart: recorder.attach });
const cast = await createCast(lectern);

const graded = async (attemptId: string) => {
  await lectern.queue.settle();
  return recorder.find('assessment.attempt.graded', (d) => d.attempt_id === attemptId).map((e) => e.data);
};

describe('assessment events', () => {
  it('publishes an attempt graded on submit (pending review) and again when a person grades it', async () => {
    const { quizId, questions } = await createQuiz(lectern, cast);
    const attempt = await api(lectern, cast.studentA, 'POST', `/quizzes/${quizId}/attempts`);
    const id = attempt.body!['id'] as string;
    const submitted = await api(lectern, cast.studentA, 'POST', `/attempts/${id}/submit`, {
      answers: [
        { question_id: questions.mc, answer: [0, 2] },
        { question_id: questions.essay, answer: 'A function calling itself.' },
      ],
    });
    assert.equal(submitted.status, 200);
    // A refused submit (someone else's attempt) publishes nothing.
    assert.equal((await api(lectern, cast.owner, 'POST', `/attempts/${id}/submit`, {})).status, 403);
    const base = { attempt_id: id, quiz_id: quizId, course_id: cast.courseId, user_id: cast.studentA.id };
    assert.deepEqual(await graded(id), [
      {
        ...base,
        status: 'pending_review',
        score: null,
        passed: null,
        points_earned: 2,
        points_possible: 6,
        closed_by: 'student',
        graded_by: null,
      },
    ]);

    const manual = await api(lectern, cast.owner, 'POST', `/attempts/${id}/grade`, {
      grades: [{ question_id: questions.essay, points_earned: 2 }],
    });
    assert.equal(manual.status, 200);
    assert.deepEqual(
      (await graded(id)).find((d) => d.graded_by !== null),
      {
        ...base,
        status: 'graded',
        score: 66.67,
        passed: true,
        points_earned: 4,
        points_possible: 6,
        closed_by: 'student',
        graded_by: cast.owner.id,
      },
    );
    assert.equal((await graded(id)).length, 2);
  });

  it('publishes an attempt graded when the deadline closes it', async () => {
    const { quizId, questions } = await createQuiz(lectern, cast, { time_limit_minutes: 5 });
    const attempt = await api(lectern, cast.studentB, 'POST', `/quizzes/${quizId}/attempts`);
    const id = attempt.body!['id'] as string;
    await api(lectern, cast.studentB, 'PUT', `/attempts/${id}/answers`, {
      answers: [{ question_id: questions.tf, answer: true }],
    });
    lectern.clock.advance(5 * 60_000);
    await lectern.queue.send(CLOSE_EXPIRED_ATTEMPTS_JOB, {});
    assert.deepEqual(await graded(id), [
      {
        attempt_id: id,
        quiz_id: quizId,
        course_id: cast.courseId,
        user_id: cast.studentB.id,
        status: 'graded',
        score: 16.67,
        passed: false,
        points_earned: 1,
        points_possible: 6,
        closed_by: 'deadline',
        graded_by: null,
      },
    ]);
  });

  it('publishes each hand-in of an assignment and its grading', async () => {
    const assignment = await api(lectern, cast.owner, 'POST', `/courses/${cast.courseId}/assignments`, {
      title: 'Evented essay',
      max_score: 20,
    });
    const assignmentId = assignment.body!['id'] as string;
    const first = await api(lectern, cast.studentA, 'POST', `/assignments/${assignmentId}/submissions`, {
      content: 'Draft',
    });
    const submissionId = first.body!['id'] as string;
    await api(lectern, cast.studentA, 'POST', `/assignments/${assignmentId}/submissions`, { content: 'Final' });
    // Not enrolled: refused, nothing published.
    assert.equal(
      (await api(lectern, cast.stranger, 'POST', `/assignments/${assignmentId}/submissions`, { content: 'x' })).status,
      403,
    );
    const grade = await api(lectern, cast.owner, 'POST', `/submissions/${submissionId}/grade`, {
      score: 18,
      feedback: 'Good',
    });
    assert.equal(grade.status, 200);
    await lectern.queue.settle();

    const facts = {
      submission_id: submissionId,
      assignment_id: assignmentId,
      course_id: cast.courseId,
      user_id: cast.studentA.id,
    };
    const handedIn = recorder
      .find('assessment.submission.created', (d) => d.assignment_id === assignmentId)
      .map((e) => e.data)
      .sort((a, b) => a.submission_count - b.submission_count);
    assert.deepEqual(handedIn, [
      { ...facts, is_late: false, submission_count: 1 },
      { ...facts, is_late: false, submission_count: 2 },
    ]);
    assert.deepEqual(
      recorder.find('assessment.submission.graded', (d) => d.assignment_id === assignmentId).map((e) => e.data),
      [{ ...facts, status: 'graded', score: 18, final_score: 18, graded_by: cast.owner.id }],
    );
  });
});
