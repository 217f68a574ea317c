// 000's quiz by lesson: students never receive correct answers, staff do; a submit is graded as
// one attempt of the assessment module, with its attempt limit and timer.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { assertGatewayError, gatewayClient, gatewayCourse } from './gateway-helpers.ts';

const lectern = await startTestApp();
const req = gatewayClient(lectern);
const { owner: teacher, otherInstructor: otherTeacher, admin, studentA, studentB } = await createCast(lectern);

/** A published quiz on the lesson, made through 001: MC (0), true/false (true), MC (2). */
async function quizOn(lessonId: string, settings: object = {}) {
  const quiz = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/quizzes',
    headers: teacher.auth,
    payload: { lesson_id: lessonId, title: 'Check', is_published: true, passing_score_percentage: 60, ...settings },
  });
  assert.equal(quiz.statusCode, 201, quiz.body);
  const questions = [
    {
      question_text: 'What is React?',
      question_type: 'multiple_choice',
      options: ['Library', 'Framework', 'Language', 'Tool'],
      correct_answer: [0],
    },
    { question_text: 'JSX compiles to JavaScript', question_type: 'true_false', correct_answer: true },
    {
      question_text: 'Which hook holds state?',
      question_type: 'multiple_choice',
      options: ['useRef', 'useMemo', 'useState'],
      correct_answer: [2],
    },
  ];
  for (const question of questions) {
    const added = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/quizzes/${quiz.json().id}/questions`,
      headers: teacher.auth,
      payload: question,
    });
    assert.equal(added.statusCode, 201, added.body);
  }
  return quiz.json().id as string;
}

describe('000 quiz by lesson', () => {
  it('shows the quiz without correct answers to students, with them to staff', async () => {
    const course = await gatewayCourse(lectern, teacher, { lessons: 1 });
    const lessonId = course.lessonIds[0]!;
    const quizId = await quizOn(lessonId);
    await req('POST', `/content/courses/${course.id}/enroll`, studentA);

    const asStudent = await req('GET', `/content/quiz/${lessonId}`, studentA);
    assert.equal(asStudent.statusCode, 200, asStudent.body);
    assert.equal(asStudent.json().id, quizId);
    assert.equal(asStudent.json().lesson_id, lessonId);
    assert.equal(asStudent.json().questions.length, 3);
    assert.deepEqual(asStudent.json().questions[0].options, ['Library', 'Framework', 'Language', 'Tool']);
    assert.equal(asStudent.json().questions[0].question, 'What is React?');
    assert.equal(asStudent.json().questions[0].type, 'multiple_choice');
    for (const question of asStudent.json().questions) assert.ok(!('correct_answer' in question));

    for (const staff of [teacher, admin]) {
      const answers = (await req('GET', `/content/quiz/${lessonId}`, staff)).json().questions;
      assert.deepEqual(
        answers.map((q: { correct_answer: unknown }) => q.correct_answer),
        [0, true, 2],
      );
    }
    assertGatewayError(await req('GET', `/content/quiz/${lessonId}`, studentB), 403);
    assertGatewayError(await req('GET', `/content/quiz/${lessonId}`, otherTeacher), 403);
    assertGatewayError(await req('GET', `/content/quiz/${lessonId}`), 401);
    assertGatewayError(await req('GET', `/content/quiz/${randomUUID()}`, studentA), 404);
  });

  it('grades a submit as an attempt, with the attempt limit and the time limit', async () => {
    const course = await gatewayCourse(lectern, teacher, { lessons: 1 });
    const lessonId = course.lessonIds[0]!;
    await quizOn(lessonId, { max_attempts: 2, time_limit_minutes: 10 });
    await req('POST', `/content/courses/${course.id}/enroll`, studentA);

    assertGatewayError(await req('POST', `/content/quiz/${lessonId}/submit`, studentB, { answers: [0, 0, 2] }), 403);
    assertGatewayError(await req('POST', `/content/quiz/${lessonId}/submit`, null, { answers: [0] }), 401);
    assertGatewayError(
      await req('POST', `/content/quiz/${lessonId}/submit`, studentA, { answers: [0, 0, 2], time_spent: 601 }),
      410,
      'ASSESSMENT_DEADLINE_PASSED',
    );
    assertGatewayError(await req('POST', `/content/quiz/${lessonId}/submit`, studentA, { answers: [0, 0, 2, 1] }), 422);
    assertGatewayError(await req('POST', `/content/quiz/${lessonId}/submit`, studentA, { answers: 'all' }), 422);

    const first = await req('POST', `/content/quiz/${lessonId}/submit`, studentA, {
      answers: [0, 0, 1],
      time_spent: 300,
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().total_questions, 3);
    assert.equal(first.json().correct_answers, 2);
    assert.equal(first.json().score, 66.67);
    assert.equal(first.json().passed, true);
    assert.equal(first.json().attempt_number, 1);

    const second = await req('POST', `/content/quiz/${lessonId}/submit`, studentA, { answers: [1, 1, 0] });
    assert.equal(second.json().correct_answers, 0);
    assert.equal(second.json().passed, false);
    assertGatewayError(
      await req('POST', `/content/quiz/${lessonId}/submit`, studentA, { answers: [0, 0, 2] }),
      409,
      'ASSESSMENT_MAX_ATTEMPTS',
    );
    // The attempts are 001's too.
    const attempts = await lectern.app.inject({
      method: 'GET',
      url: `/api/v1/quizzes/${(await req('GET', `/content/quiz/${lessonId}`, teacher)).json().id}/attempts`,
      headers: teacher.auth,
    });
    assert.equal(attempts.statusCode, 200, attempts.body);
  });
});
