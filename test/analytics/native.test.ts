// 001's analytics endpoints against a known data set made through the API: enrolments, lessons,
// a completed course, quiz attempts and a certificate; who may read which figures.
import '../../src/modules/learning/learning.tables.ts';

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { api, createCast } from '../assessment/setup.ts';
import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();
// A course with one lesson, studentA and studentB enrolled; the outsider teaches another course.
const cast = await createCast(lectern);
const { owner, outsider, admin, studentA, studentB, stranger } = cast;
const get = (user: TestUser | undefined, url: string) => api(lectern, user, 'GET', url);

async function takeQuiz(user: TestUser, quizId: string, tf: string, answer: boolean) {
  const attempt = await api(lectern, user, 'POST', `/quizzes/${quizId}/attempts`);
  assert.equal(attempt.status, 201, JSON.stringify(attempt.body));
  const submitted = await api(lectern, user, 'POST', `/attempts/${attempt.body!['id'] as string}/submit`, {
    answers: [{ question_id: tf, answer }],
  });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
}

// studentA completes the course's lesson (so the course) and gets the certificate; a quiz with a
// single true/false question: studentA answers right (100) then wrong (0), studentB right (100).
const enrollmentA = await lectern.database.db
  .selectFrom('enrollments')
  .select('id')
  .where('user_id', '=', studentA.id)
  .where('course_id', '=', cast.courseId)
  .executeTakeFirstOrThrow();
assert.equal(
  (await api(lectern, studentA, 'POST', `/enrollments/${enrollmentA.id}/lessons/${cast.lessonId}/complete`)).status,
  200,
);
assert.equal(
  (await api(lectern, studentA, 'POST', '/certificates/generate', { enrollment_id: enrollmentA.id })).status,
  201,
);
const quiz = await api(lectern, owner, 'POST', '/quizzes', {
  course_id: cast.courseId,
  title: 'One question',
  passing_score_percentage: 50,
  is_published: true,
  max_attempts: 5,
});
assert.equal(quiz.status, 201, JSON.stringify(quiz.body));
const quizId = quiz.body!['id'] as string;
const tf = await api(lectern, owner, 'POST', `/quizzes/${quizId}/questions`, {
  question_text: 'The sky is blue',
  question_type: 'true_false',
  correct_answer: true,
});
assert.equal(tf.status, 201, JSON.stringify(tf.body));
const tfId = tf.body!['id'] as string;
await takeQuiz(studentA, quizId, tfId, true);
await takeQuiz(studentA, quizId, tfId, false);
await takeQuiz(studentB, quizId, tfId, true);
await lectern.queue.settle();

describe('GET /api/v1/analytics/student', () => {
  it('answers the caller’s own figures', async () => {
    const a = await get(studentA, '/analytics/student');
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.deepEqual(a.body, {
      courses_enrolled: 1,
      courses_completed: 1,
      total_lessons_completed: 1,
      quizzes_taken: 2,
      average_quiz_score: 50,
      learning_time_minutes: 0,
    });
    assert.deepEqual(await get(studentB, '/analytics/student').then((r) => r.body), {
      courses_enrolled: 1,
      courses_completed: 0,
      total_lessons_completed: 0,
      quizzes_taken: 1,
      average_quiz_score: 100,
      learning_time_minutes: 0,
    });
    assert.deepEqual(await get(stranger, '/analytics/student').then((r) => r.body), {
      courses_enrolled: 0,
      courses_completed: 0,
      total_lessons_completed: 0,
      quizzes_taken: 0,
      average_quiz_score: null,
      learning_time_minutes: 0,
    });
    assert.equal((await get(undefined, '/analytics/student')).status, 401);
  });

  it('cannot be inflated by ingesting events about oneself', async () => {
    const forged = await lectern.app.inject({
      method: 'POST',
      url: '/api/analytics/ingest',
      headers: stranger.auth,
      payload: [
        {
          ts: new Date().toISOString(),
          type: 'course_completed',
          src: 'server',
          payload: { course_id: cast.courseId },
        },
      ],
    });
    assert.equal(forged.statusCode, 400);
    assert.ok('0.src' in forged.json().error.details);
    const unlabelled = await lectern.app.inject({
      method: 'POST',
      url: '/api/analytics/ingest',
      headers: stranger.auth,
      payload: [{ ts: new Date().toISOString(), type: 'course_completed', payload: { course_id: cast.courseId } }],
    });
    assert.equal(unlabelled.statusCode, 200);
    assert.equal((await get(stranger, '/analytics/student')).body!['courses_completed'], 0);
  });
});

const expectedCourse = () => ({
  course_id: cast.courseId,
  enrollments: 2,
  completions: 1,
  completion_rate: 0.5,
  lessons_completed: 1,
  quiz_attempts: 3,
  average_quiz_score: 66.67,
  certificates_issued: 1,
  watch_time_minutes: 0,
});

describe('GET /api/v1/analytics/courses/{course_id}/analytics', () => {
  it('answers the course’s figures to its staff and admins', async () => {
    for (const user of [owner, admin]) {
      const response = await get(user, `/analytics/courses/${cast.courseId}/analytics`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const { title, ...figures } = response.body!;
      assert.equal(typeof title, 'string');
      assert.deepEqual(figures, expectedCourse());
    }
  });

  it('refuses students and other instructors, and answers 404 for no course', async () => {
    for (const user of [studentA, outsider]) {
      const response = await get(user, `/analytics/courses/${cast.courseId}/analytics`);
      assert.equal(response.status, 403);
      assert.equal(typeof response.body!['detail'], 'string');
    }
    const missing = await get(admin, '/analytics/courses/00000000-0000-4000-8000-000000000000/analytics');
    assert.equal(missing.status, 404);
    assert.equal((await get(admin, '/analytics/courses/nope/analytics')).status, 422);
    assert.equal((await get(undefined, `/analytics/courses/${cast.courseId}/analytics`)).status, 401);
  });
});

describe('GET /api/v1/analytics/instructor', () => {
  it('covers the caller’s own courses only', async () => {
    const mine = await get(owner, '/analytics/instructor');
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.equal(mine.body!['total_courses'], 1);
    assert.equal(mine.body!['total_enrollments'], 2);
    assert.equal(mine.body!['total_completions'], 1);
    assert.equal(mine.body!['average_quiz_score'], 66.67);
    const [course] = mine.body!['courses'] as Record<string, unknown>[];
    assert.deepEqual({ ...course, title: undefined }, { ...expectedCourse(), title: undefined });

    const theirs = await get(outsider, '/analytics/instructor');
    assert.equal(theirs.status, 200);
    assert.equal(theirs.body!['total_courses'], 1);
    assert.equal(theirs.body!['total_enrollments'], 0);
    assert.ok((theirs.body!['courses'] as { course_id: string }[]).every((c) => c.course_id !== cast.courseId));
    assert.equal((await get(studentA, '/analytics/instructor')).status, 403);
    assert.equal((await get(undefined, '/analytics/instructor')).status, 401);
  });
});

describe('GET /api/v1/analytics/system', () => {
  it('answers platform figures to admins only', async () => {
    const late = await createUser(lectern);
    await lectern.queue.settle();
    const response = await get(admin, '/analytics/system');
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const body = response.body!;
    assert.equal(body['total_users'], 7);
    assert.equal(body['active_users_today'], 7);
    assert.equal(body['enrollments'], 2);
    assert.equal(body['completions'], 1);
    assert.equal(body['lessons_completed'], 1);
    assert.equal(body['quiz_attempts'], 3);
    assert.equal(body['certificates_issued'], 1);
    assert.equal(body['total_events'], body['events_today']);
    assert.ok(late.id);
    for (const user of [owner, studentA]) assert.equal((await get(user, '/analytics/system')).status, 403);
    assert.equal((await get(undefined, '/analytics/system')).status, 401);
  });
});
