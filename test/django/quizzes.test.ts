// 002's quizzes through HTTP: a lecture's quiz, questions (correct_answer as option text or
// index, never shown to students before submitting), start, attempt detail, submit with a list
// and with a map of answers, result, the attempt limit and the time limit, and who may do what.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { djangoCaller } from './django-helpers.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern);
const call = djangoCaller(lectern);

const course = (await call('POST', '/api/courses/', owner.auth, { title: 'Quiz course', status: 'published' })).json();
const section = (await call('POST', `/api/courses/${course.id}/sections/`, owner.auth, { title: 'S' })).json();
const newLecture = async (title: string) =>
  (await call('POST', `/api/sections/${section.id}/lectures/`, owner.auth, { title, content_type: 'quiz' })).json();
const lecture = await newLecture('Capitals');
assert.equal((await call('POST', `/api/courses/${course.id}/enroll/`, studentA.auth)).statusCode, 201);

describe('002 quizzes', () => {
  let quizId = '';
  const q: Record<string, string> = {};

  it('creates a lecture quiz: staff only, read-only fields ignored', async () => {
    const body = { title: 'Capitals quiz', passing_score: 60 };
    for (const who of [studentA, otherInstructor]) {
      assert.equal((await call('POST', `/api/lectures/${lecture.id}/quiz/`, who.auth, body)).statusCode, 403);
    }
    assert.equal((await call('POST', `/api/lectures/${lecture.id}/quiz/`, undefined, body)).statusCode, 401);
    const invalid = await call('POST', `/api/lectures/${lecture.id}/quiz/`, owner.auth, {
      passing_score: 150,
      max_attempts: 0,
    });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(Object.keys(invalid.json()).sort(), ['max_attempts', 'passing_score', 'title']);
    const created = await call('POST', `/api/lectures/${lecture.id}/quiz/`, owner.auth, {
      ...body,
      id: '00000000-0000-4000-8000-000000000000',
      course: '00000000-0000-4000-8000-000000000000',
      question_count: 99,
    });
    assert.equal(created.statusCode, 201, created.body);
    const quiz = created.json();
    quizId = quiz.id;
    assert.notEqual(quizId, '00000000-0000-4000-8000-000000000000');
    assert.equal(quiz.course, course.id);
    assert.equal(quiz.lecture, lecture.id);
    assert.equal(quiz.passing_score, 60);
    assert.equal(quiz.question_count, 0);
    assert.equal(quiz.is_published, true);
    assert.equal(created.headers['location'], `/api/quizzes/${quizId}/`);
    const second = await call('POST', `/api/lectures/${lecture.id}/quiz/`, owner.auth, body);
    assert.equal(second.statusCode, 400);
    assert.deepEqual(Object.keys(second.json()), ['lecture']);
    assert.equal((await call('POST', `/api/lectures/${lecture.id}/quiz/`, studentA.auth, body)).statusCode, 403);
    const missing = await call('POST', '/api/lectures/00000000-0000-4000-8000-000000000000/quiz/', owner.auth, body);
    assert.equal(missing.statusCode, 404);
  });

  it('adds questions with correct_answer as option text or index; every invalid field at once', async () => {
    const url = `/api/quizzes/${quizId}/questions/`;
    const mc = { question_text: 'Capital of France?', question_type: 'multiple_choice', options: ['Berlin', 'Paris'] };
    assert.equal((await call('POST', url, studentA.auth, { ...mc, correct_answer: 'Paris' })).statusCode, 403);
    assert.equal((await call('POST', url, otherInstructor.auth, { ...mc, correct_answer: 1 })).statusCode, 403);
    const missing = await call('POST', url, owner.auth, { question_type: 'poll', points: -1 });
    assert.deepEqual(Object.keys(missing.json()).sort(), ['points', 'question_text', 'question_type']);
    const unknownOption = await call('POST', url, owner.auth, { ...mc, correct_answer: 'Madrid' });
    assert.equal(unknownOption.statusCode, 400);
    assert.deepEqual(Object.keys(unknownOption.json()), ['correct_answer']);

    const byText = await call('POST', url, owner.auth, {
      ...mc,
      options: ['Berlin', 'Paris', 'Rome'],
      correct_answer: 'Paris',
    });
    assert.equal(byText.statusCode, 201, byText.body);
    assert.equal(byText.json().correct_answer, 'Paris');
    assert.equal(byText.json().order_index, 1);
    assert.equal(byText.headers['location'], `/api/questions/${byText.json().id}/`);
    q['france'] = byText.json().id;
    const byIndex = await call('POST', url, admin.auth, {
      question_text: 'Capital of Italy?',
      question_type: 'multiple_choice',
      options: ['Milan', 'Naples', 'Rome'],
      correct_answer: 2,
    });
    assert.equal(byIndex.json().correct_answer, 'Rome');
    q['italy'] = byIndex.json().id;
    const tf = await call('POST', url, owner.auth, {
      question_text: 'Bern is the capital of Switzerland.',
      question_type: 'true_false',
      correct_answer: true,
    });
    assert.equal(tf.statusCode, 201, tf.body);
    assert.deepEqual(tf.json().options, ['True', 'False']);
    q['swiss'] = tf.json().id;

    const put = await call('PUT', `/api/questions/${q['swiss']}/`, owner.auth, { question_text: 'x' });
    assert.deepEqual(put.json(), { question_type: ['This field is required.'] });
    const patch = await call('PATCH', `/api/questions/${q['swiss']}/`, owner.auth, { points: 2 });
    assert.equal(patch.statusCode, 200);
    assert.equal(patch.json().question_text, 'Bern is the capital of Switzerland.');
    assert.equal(patch.json().correct_answer, true);
    assert.equal(
      (await call('PATCH', `/api/questions/${q['swiss']}/`, studentA.auth, { points: 100 })).statusCode,
      403,
    );
    const extra = (await call('POST', url, owner.auth, { question_text: 'Delete me', question_type: 'essay' })).json();
    assert.equal((await call('DELETE', `/api/questions/${extra.id}/`, studentA.auth)).statusCode, 403);
    assert.equal((await call('DELETE', `/api/questions/${extra.id}/`, owner.auth)).statusCode, 204);
  });

  it('never shows correct answers to students; only enrolled students and staff read the quiz', async () => {
    const staff = (await call('GET', `/api/lectures/${lecture.id}/quiz/`, owner.auth)).json();
    assert.equal(staff.question_count, 3);
    assert.equal(staff.questions[0].correct_answer, 'Paris');
    const student = await call('GET', `/api/lectures/${lecture.id}/quiz/`, studentA.auth);
    assert.equal(student.statusCode, 200);
    assert.equal(student.json().questions.length, 3);
    for (const question of student.json().questions) {
      assert.equal('correct_answer' in question, false);
      assert.equal('explanation' in question, false);
    }
    assert.equal(student.body.includes('"correct_answer"'), false);
    assert.equal((await call('GET', `/api/quizzes/${quizId}/`, studentB.auth)).statusCode, 403);
    assert.equal((await call('GET', `/api/quizzes/${quizId}/`, otherInstructor.auth)).statusCode, 403);
    assert.equal((await call('GET', `/api/quizzes/${quizId}/`)).statusCode, 401);
    assert.equal((await call('GET', `/api/quizzes/${quizId}/`, admin.auth)).json().questions[1].correct_answer, 'Rome');

    const page = (await call('GET', `/api/quizzes/${quizId}/questions/?page_size=2`, studentA.auth)).json();
    assert.equal(page.count, 3);
    assert.equal(page.results.length, 2);
    assert.equal(page.next, `http://lectern.test/api/quizzes/${quizId}/questions/?page_size=2&page=2`);
    assert.equal(page.previous, null);
    assert.equal('correct_answer' in page.results[0], false);
  });

  it('starts, submits a map of answers (score/status in the body ignored), shows the result', async () => {
    assert.equal((await call('POST', `/api/quizzes/${quizId}/start/`, studentB.auth)).statusCode, 403);
    assert.equal((await call('POST', `/api/quizzes/${quizId}/start/`)).statusCode, 401);
    const started = await call('POST', `/api/quizzes/${quizId}/start/`, studentA.auth);
    assert.equal(started.statusCode, 201, started.body);
    const attempt = started.json();
    assert.equal(attempt.status, 'in_progress');
    assert.equal(attempt.user, studentA.id);
    assert.equal(attempt.expires_at, null);
    assert.equal(started.body.includes('"correct_answer"'), false);
    assert.equal(started.headers['location'], `/api/quiz-attempts/${attempt.id}/`);
    assert.equal((await call('POST', `/api/quizzes/${quizId}/start/`, studentA.auth)).statusCode, 409);

    assert.equal((await call('GET', `/api/quiz-attempts/${attempt.id}/`, studentB.auth)).statusCode, 404);
    assert.equal((await call('GET', `/api/quiz-attempts/${attempt.id}/`, otherInstructor.auth)).statusCode, 404);
    assert.equal((await call('GET', `/api/quiz-attempts/${attempt.id}/`)).statusCode, 401);
    const staffView = await call('GET', `/api/quiz-attempts/${attempt.id}/`, owner.auth);
    assert.equal(staffView.statusCode, 200);
    assert.equal(staffView.json().questions[0].correct_answer, 'Paris');
    const open = await call('GET', `/api/quiz-attempts/${attempt.id}/result/`, studentA.auth);
    assert.equal(open.statusCode, 409);
    assert.equal(typeof open.json().detail, 'string');

    const answers = { [q['france']!]: 'Paris', [q['italy']!]: 'Milan', [q['swiss']!]: true };
    assert.equal(
      (await call('POST', `/api/quiz-attempts/${attempt.id}/submit/`, owner.auth, { answers })).statusCode,
      403,
    );
    assert.equal(
      (await call('POST', `/api/quiz-attempts/${attempt.id}/submit/`, studentB.auth, { answers })).statusCode,
      404,
    );
    const submitted = await call('POST', `/api/quiz-attempts/${attempt.id}/submit/`, studentA.auth, {
      answers,
      score: 100,
      status: 'graded',
      passed: true,
      points_earned: 4,
    });
    assert.equal(submitted.statusCode, 200, submitted.body);
    const graded = submitted.json();
    // France 1 point, Italy wrong (1), Switzerland 2 points: 3 of 4.
    assert.equal(graded.status, 'graded');
    assert.equal(graded.points_earned, 3);
    assert.equal(graded.points_possible, 4);
    assert.equal(graded.score, 75);
    assert.equal(graded.passed, true);
    assert.equal(submitted.body.includes('"correct_answer"'), false, 'attempts are left: answers stay hidden');
    const italy = graded.answers.find((a: { question: string }) => a.question === q['italy']);
    assert.deepEqual(italy, {
      question: q['italy'],
      answer: 'Milan',
      is_correct: false,
      points_earned: 0,
      feedback: null,
    });

    const result = await call('GET', `/api/quiz-attempts/${attempt.id}/result/`, studentA.auth);
    assert.equal(result.statusCode, 200);
    assert.equal(result.json().correct_count, 2);
    assert.equal(result.json().total_questions, 3);
    assert.equal(result.json().score, 75);
    assert.equal((await call('GET', `/api/quiz-attempts/${attempt.id}/result/`, admin.auth)).statusCode, 200);
    assert.equal((await call('GET', `/api/quiz-attempts/${attempt.id}/result/`, studentB.auth)).statusCode, 404);
    assert.equal(
      (await call('POST', `/api/quiz-attempts/${attempt.id}/submit/`, studentA.auth, { answers })).statusCode,
      409,
    );
  });

  it('submits a list of {question, answer} with option indices', async () => {
    const attempt = (await call('POST', `/api/quizzes/${quizId}/start/`, studentA.auth)).json();
    assert.equal(attempt.attempt_number, 2);
    const bad = await call('POST', `/api/quiz-attempts/${attempt.id}/submit/`, studentA.auth, {
      answers: [{ question: 'not-a-uuid' }],
    });
    assert.equal(bad.statusCode, 400);
    const stranger = await call('POST', `/api/quiz-attempts/${attempt.id}/submit/`, studentA.auth, {
      answers: [{ question: '00000000-0000-4000-8000-000000000000', answer: 1 }],
    });
    assert.equal(stranger.statusCode, 400);
    assert.deepEqual(Object.keys(stranger.json()), ['answers.0.question']);
    const submitted = await call('POST', `/api/quiz-attempts/${attempt.id}/submit/`, studentA.auth, {
      answers: [
        { question: q['france'], answer: 1 },
        { question: q['italy'], answer: 2 },
        { question: q['swiss'], answer: 'True' },
      ],
    });
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().score, 100);
    assert.equal(submitted.json().passed, true);
    assert.equal(submitted.json().answers[0].answer, 'Paris');
  });

  it('keeps the attempt limit and the time limit; answers show once no attempt is left', async () => {
    const timedLecture = await newLecture('Timed');
    const quiz = (
      await call('POST', `/api/lectures/${timedLecture.id}/quiz/`, owner.auth, {
        title: 'Timed quiz',
        time_limit_minutes: 1,
        max_attempts: 1,
      })
    ).json();
    const question = (
      await call('POST', `/api/quizzes/${quiz.id}/questions/`, owner.auth, {
        question_text: 'Capital of Spain?',
        question_type: 'short_answer',
        correct_answer: 'Madrid',
      })
    ).json();
    const attempt = (await call('POST', `/api/quizzes/${quiz.id}/start/`, studentA.auth)).json();
    assert.ok(attempt.expires_at);
    lectern.clock.advance(2 * 60_000);
    const late = await call('POST', `/api/quiz-attempts/${attempt.id}/submit/`, studentA.auth, {
      answers: { [question.id]: 'Madrid' },
    });
    assert.equal(late.statusCode, 400, late.body);
    const closed = (await call('GET', `/api/quiz-attempts/${attempt.id}/`, studentA.auth)).json();
    assert.equal(closed.status, 'graded');
    assert.equal(closed.score, 0);
    assert.equal(closed.questions[0].correct_answer, 'Madrid', 'no attempt left: the answers may be shown');
    assert.equal((await call('POST', `/api/quizzes/${quiz.id}/start/`, studentA.auth)).statusCode, 409);
  });

  it('updates (PUT vs PATCH) and deletes a quiz: staff only', async () => {
    const put = await call('PUT', `/api/quizzes/${quizId}/`, owner.auth, { passing_score: 80 });
    assert.deepEqual(put.json(), { title: ['This field is required.'] });
    const patch = await call('PATCH', `/api/quizzes/${quizId}/`, owner.auth, { passing_score: 80 });
    assert.equal(patch.statusCode, 200);
    assert.equal(patch.json().title, 'Capitals quiz');
    assert.equal(patch.json().passing_score, 80);
    for (const who of [studentA, otherInstructor]) {
      assert.equal((await call('PATCH', `/api/quizzes/${quizId}/`, who.auth, { title: 'x' })).statusCode, 403);
      assert.equal((await call('DELETE', `/api/quizzes/${quizId}/`, who.auth)).statusCode, 403);
    }
    const full = await call('PUT', `/api/quizzes/${quizId}/`, admin.auth, { title: 'Renamed', passing_score: 50 });
    assert.equal(full.json().title, 'Renamed');
    assert.equal((await call('DELETE', `/api/quizzes/${quizId}/`, owner.auth)).statusCode, 204);
    assert.equal((await call('GET', `/api/quizzes/${quizId}/`, owner.auth)).statusCode, 404);
    const gone = await call('GET', `/api/lectures/${lecture.id}/quiz/`, owner.auth);
    assert.equal(gone.statusCode, 404);
    assert.deepEqual(Object.keys(gone.json()), ['detail']);
  });
});
