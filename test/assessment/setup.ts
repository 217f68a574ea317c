// Test data for the assessment tests: a published course with staff, enrolled students and an
// outsider instructor; quizzes and questions made through the API.
import assert from 'node:assert/strict';

import type { TestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

export interface Cast {
  courseId: string;
  lessonId: string;
  owner: TestUser;
  /** An instructor of another course. */
  outsider: TestUser;
  admin: TestUser;
  studentA: TestUser;
  studentB: TestUser;
  /** Signed in, never enrolled. */
  stranger: TestUser;
}

const actorOf = (user: TestUser) => ({ id: user.id, role: user.role, sessionId: '' });

/** A published course with one lesson, created through the catalog module (setup only). */
export async function createPublishedCourse(
  lectern: TestApp,
  owner: TestUser,
): Promise<{ id: string; lessonId: string }> {
  const catalog = lectern.modules.catalog;
  const course = await catalog.createCourse(actorOf(owner), {
    title: `Assessment course ${Math.random().toString(36).slice(2, 8)}`,
  });
  const lesson = await catalog.createLesson(actorOf(owner), course.id, {
    title: 'Lesson one',
    type: 'text',
    content: 'Hello',
    status: 'published',
  });
  await catalog.publishCourse(actorOf(owner), course.id);
  return { id: course.id, lessonId: lesson.id };
}

export async function enrol(lectern: TestApp, user: TestUser, courseId: string): Promise<void> {
  const response = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/enrollments',
    headers: user.auth,
    payload: { course_id: courseId },
  });
  assert.equal(response.statusCode, 201, response.body);
}

export async function createCast(lectern: TestApp): Promise<Cast> {
  const [owner, outsider, admin, studentA, studentB, stranger] = await Promise.all([
    createUser(lectern, { role: 'instructor' }),
    createUser(lectern, { role: 'instructor' }),
    createUser(lectern, { role: 'admin' }),
    createUser(lectern, { fullName: 'Student A' }),
    createUser(lectern, { fullName: 'Student B' }),
    createUser(lectern),
  ]);
  const course = await createPublishedCourse(lectern, owner);
  // The outsider teaches a course of their own.
  await createPublishedCourse(lectern, outsider);
  await enrol(lectern, studentA, course.id);
  await enrol(lectern, studentB, course.id);
  return { courseId: course.id, lessonId: course.lessonId, owner, outsider, admin, studentA, studentB, stranger };
}

export async function api(
  lectern: TestApp,
  user: TestUser | undefined,
  method: string,
  url: string,
  payload?: unknown,
) {
  const response = await lectern.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: user ? user.auth : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return {
    status: response.statusCode,
    body: response.body ? (response.json() as Record<string, unknown>) : undefined,
    raw: response,
  };
}

/** Creates a quiz with one question of each kind (2 + 1 + 1 + 2 points). */
export async function createQuiz(lectern: TestApp, cast: Cast, settings: Record<string, unknown> = {}) {
  const quiz = await api(lectern, cast.owner, 'POST', '/quizzes', {
    course_id: cast.courseId,
    title: 'Checkpoint',
    description: 'Four questions',
    passing_score_percentage: 50,
    is_published: true,
    ...settings,
  });
  assert.equal(quiz.status, 201, JSON.stringify(quiz.body));
  const quizId = quiz.body!['id'] as string;
  const add = async (payload: Record<string, unknown>) => {
    const response = await api(lectern, cast.owner, 'POST', `/quizzes/${quizId}/questions`, payload);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body!['id'] as string;
  };
  const mc = await add({
    question_text: 'Pick the primes',
    question_type: 'multiple_choice',
    options: ['2', '4', '5', '9'],
    correct_answer: [0, 2],
    points: 2,
  });
  const tf = await add({ question_text: 'The sky is blue', question_type: 'true_false', correct_answer: true });
  const short = await add({
    question_text: 'Capital of the US state NY?',
    question_type: 'short_answer',
    correct_answer: ['Albany'],
  });
  const essay = await add({ question_text: 'Explain recursion', question_type: 'essay', points: 2 });
  return { quizId, questions: { mc, tf, short, essay } };
}
