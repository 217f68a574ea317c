import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { api, createCast, createQuiz } from './setup.ts';

const lectern = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: '86400' });
const cast = await createCast(lectern);

type Question = { id: string; order: number; correct_answer?: unknown; explanation?: unknown; options: string[] };

describe('quizzes: CRUD by the course staff', () => {
  it('creates a quiz with 001 fields; only the course staff and admins may', async () => {
    const body = {
      course_id: cast.courseId,
      title: 'Python Basics Quiz',
      description: 'Test your knowledge',
      time_limit_minutes: 30,
      passing_score_percentage: 70,
      shuffle_questions: false,
    };
    const created = await api(lectern, cast.owner, 'POST', '/quizzes', body);
    assert.equal(created.status, 201);
    assert.equal(created.body!['title'], 'Python Basics Quiz');
    assert.equal(created.body!['time_limit_minutes'], 30);
    assert.equal(created.body!['passing_score_percentage'], 70);
    assert.equal(created.body!['is_published'], false);
    assert.equal(created.body!['question_count'], 0);
    assert.deepEqual(created.body!['questions'], []);

    assert.equal((await api(lectern, cast.outsider, 'POST', '/quizzes', body)).status, 403);
    assert.equal((await api(lectern, cast.studentA, 'POST', '/quizzes', body)).status, 403);
    assert.equal((await api(lectern, undefined, 'POST', '/quizzes', body)).status, 401);
    assert.equal((await api(lectern, cast.admin, 'POST', '/quizzes', body)).status, 201);
    const missing = await api(lectern, cast.owner, 'POST', '/quizzes', {
      ...body,
      course_id: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(missing.status, 404);
    const extra = await api(lectern, cast.owner, 'POST', '/quizzes', { ...body, created_by: cast.studentA.id });
    assert.equal(extra.status, 422);
  });

  it('refuses a time limit or attempt count of 0 instead of reading it as "unlimited"', async () => {
    for (const field of ['time_limit_minutes', 'max_attempts']) {
      const zero = await api(lectern, cast.owner, 'POST', '/quizzes', {
        course_id: cast.courseId,
        title: 'Z',
        [field]: 0,
      });
      assert.equal(zero.status, 422, field);
      const unlimited = await api(lectern, cast.owner, 'POST', '/quizzes', {
        course_id: cast.courseId,
        title: 'Unlimited',
        [field]: null,
      });
      assert.equal(unlimited.status, 201, field);
      assert.equal(unlimited.body![field], null);
    }
  });

  it('attaches a quiz to a lesson of the course, never of another course', async () => {
    const onLesson = await api(lectern, cast.owner, 'POST', '/quizzes', {
      lesson_id: cast.lessonId,
      title: 'Lesson quiz',
    });
    assert.equal(onLesson.status, 201);
    assert.equal(onLesson.body!['course_id'], cast.courseId);
    assert.equal(onLesson.body!['lesson_id'], cast.lessonId);
    const otherCourse = await api(lectern, cast.outsider, 'POST', '/quizzes', {
      lesson_id: cast.lessonId,
      title: 'Hijack',
    });
    assert.equal(otherCourse.status, 403);
  });

  it('shows correct answers to staff and admins only; students must be enrolled; drafts are hidden', async () => {
    const { quizId } = await createQuiz(lectern, cast);
    const asOwner = await api(lectern, cast.owner, 'GET', `/quizzes/${quizId}`);
    assert.equal(asOwner.status, 200);
    const ownerQuestions = asOwner.body!['questions'] as unknown as Question[];
    assert.equal(ownerQuestions.length, 4);
    assert.deepEqual(ownerQuestions[0]!.correct_answer, [0, 2]);
    assert.equal(asOwner.body!['question_count'], 4);

    const asAdmin = await api(lectern, cast.admin, 'GET', `/quizzes/${quizId}`);
    assert.deepEqual((asAdmin.body!['questions'] as unknown as Question[])[1]!.correct_answer, true);

    const asStudent = await api(lectern, cast.studentA, 'GET', `/quizzes/${quizId}`);
    assert.equal(asStudent.status, 200);
    for (const q of asStudent.body!['questions'] as unknown as Question[]) {
      assert.equal('correct_answer' in q, false);
      assert.equal('explanation' in q, false);
    }
    assert.doesNotMatch(asStudent.raw.body, /Albany/);
    const listed = await api(lectern, cast.studentB, 'GET', `/quizzes/${quizId}/questions`);
    assert.equal(listed.status, 200);
    assert.doesNotMatch(listed.raw.body, /Albany|correct_answer/);

    assert.equal((await api(lectern, cast.stranger, 'GET', `/quizzes/${quizId}`)).status, 403);
    assert.equal((await api(lectern, cast.outsider, 'GET', `/quizzes/${quizId}`)).status, 403);
    assert.equal((await api(lectern, undefined, 'GET', `/quizzes/${quizId}`)).status, 401);

    const draft = await createQuiz(lectern, cast, { is_published: false });
    assert.equal((await api(lectern, cast.studentA, 'GET', `/quizzes/${draft.quizId}`)).status, 404);
    assert.equal((await api(lectern, cast.outsider, 'GET', `/quizzes/${draft.quizId}`)).status, 404);
    assert.equal((await api(lectern, cast.owner, 'GET', `/quizzes/${draft.quizId}`)).status, 200);
  });

  it('lists quizzes with 001 filters; drafts only for their staff', async () => {
    const published = await createQuiz(lectern, cast, { title: 'Listed published' });
    const draft = await createQuiz(lectern, cast, { title: 'Listed draft', is_published: false });
    const ids = (body: Record<string, unknown> | undefined) => (body!['items'] as { id: string }[]).map((q) => q.id);

    const asStudent = await api(lectern, cast.studentA, 'GET', `/quizzes?course_id=${cast.courseId}&page_size=100`);
    assert.equal(asStudent.status, 200);
    assert.ok(ids(asStudent.body).includes(published.quizId));
    assert.ok(!ids(asStudent.body).includes(draft.quizId));
    assert.ok(
      !ids(
        (await api(lectern, cast.outsider, 'GET', `/quizzes?course_id=${cast.courseId}&page_size=100`)).body,
      ).includes(draft.quizId),
    );

    const asOwner = await api(lectern, cast.owner, 'GET', `/quizzes?course_id=${cast.courseId}&page_size=100`);
    assert.ok(ids(asOwner.body).includes(draft.quizId));
    const publishedOnly = await api(
      lectern,
      cast.owner,
      'GET',
      `/quizzes?course_id=${cast.courseId}&published_only=true&page_size=100`,
    );
    assert.ok(!ids(publishedOnly.body).includes(draft.quizId));
    const asAdmin = await api(lectern, cast.admin, 'GET', `/quizzes?page_size=100`);
    assert.ok(ids(asAdmin.body).includes(draft.quizId));

    const paged = await api(lectern, cast.owner, 'GET', `/quizzes?course_id=${cast.courseId}&page=1&page_size=1`);
    assert.equal((paged.body!['items'] as unknown[]).length, 1);
    assert.ok((paged.body!['total'] as number) >= 2);
    assert.equal(paged.body!['pages'], paged.body!['total']);
  });

  it('updates and deletes: owner and admin yes, another instructor and students no', async () => {
    const { quizId } = await createQuiz(lectern, cast);
    assert.equal((await api(lectern, cast.outsider, 'PATCH', `/quizzes/${quizId}`, { title: 'Mine now' })).status, 403);
    assert.equal((await api(lectern, cast.studentA, 'PATCH', `/quizzes/${quizId}`, { title: 'Mine now' })).status, 403);
    const patched = await api(lectern, cast.owner, 'PATCH', `/quizzes/${quizId}`, {
      title: 'Renamed',
      max_attempts: 2,
      shuffle_questions: true,
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body!['title'], 'Renamed');
    assert.equal(patched.body!['max_attempts'], 2);
    assert.equal(
      (await api(lectern, cast.admin, 'PATCH', `/quizzes/${quizId}`, { description: 'By admin' })).status,
      200,
    );
    assert.equal(
      (await api(lectern, cast.owner, 'PATCH', `/quizzes/${quizId}`, { passing_score_percentage: 101 })).status,
      422,
    );

    assert.equal((await api(lectern, cast.outsider, 'DELETE', `/quizzes/${quizId}`)).status, 403);
    assert.equal((await api(lectern, cast.studentB, 'DELETE', `/quizzes/${quizId}`)).status, 403);
    assert.equal((await api(lectern, cast.owner, 'DELETE', `/quizzes/${quizId}`)).status, 204);
    assert.equal((await api(lectern, cast.owner, 'GET', `/quizzes/${quizId}`)).status, 404);
    const other = await createQuiz(lectern, cast);
    assert.equal((await api(lectern, cast.admin, 'DELETE', `/quizzes/${other.quizId}`)).status, 204);
  });
});

describe('questions: add, update, delete, reorder', () => {
  it('validates each question type', async () => {
    const { quizId } = await createQuiz(lectern, cast);
    const add = (payload: Record<string, unknown>) =>
      api(lectern, cast.owner, 'POST', `/quizzes/${quizId}/questions`, payload);
    assert.equal(
      (await add({ question_text: 'One option', question_type: 'multiple_choice', options: ['a'], correct_answer: 0 }))
        .status,
      422,
    );
    assert.equal(
      (
        await add({
          question_text: 'Out of range',
          question_type: 'multiple_choice',
          options: ['a', 'b'],
          correct_answer: 5,
        })
      ).status,
      422,
    );
    assert.equal(
      (await add({ question_text: 'No key', question_type: 'multiple_choice', options: ['a', 'b'] })).status,
      422,
    );
    assert.equal((await add({ question_text: 'No accepted', question_type: 'short_answer' })).status, 422);
    assert.equal(
      (await add({ question_text: 'Not boolean', question_type: 'true_false', correct_answer: 'maybe' })).status,
      422,
    );
    assert.equal((await add({ question_text: 'Bad type', question_type: 'matching' })).status, 422);

    const byText = await add({
      question_text: 'By option text',
      question_type: 'multiple_choice',
      options: ['Library', 'Framework'],
      correct_answer: 'Library',
    });
    assert.equal(byText.status, 201);
    assert.deepEqual(byText.body!['correct_answer'], [0]);
    assert.equal(byText.body!['order'], 5);
    const tf = await add({ question_text: 'TF', question_type: 'true_false', correct_answer: false });
    assert.deepEqual(tf.body!['options'], ['True', 'False']);
    const first = await add({ question_text: 'Inserted first', question_type: 'essay', order: 1 });
    assert.equal(first.body!['order'], 1);
    const quiz = await api(lectern, cast.owner, 'GET', `/quizzes/${quizId}`);
    const orders = (quiz.body!['questions'] as unknown as Question[]).map((q) => q.order);
    assert.deepEqual(orders, [1, 2, 3, 4, 5, 6, 7]);
  });

  it('only the course staff change questions', async () => {
    const { quizId, questions } = await createQuiz(lectern, cast);
    const payload = { question_text: 'Sneaky', question_type: 'essay' };
    for (const user of [cast.outsider, cast.studentA]) {
      assert.equal((await api(lectern, user, 'POST', `/quizzes/${quizId}/questions`, payload)).status, 403);
      assert.equal(
        (await api(lectern, user, 'PATCH', `/questions/${questions.tf}`, { correct_answer: false })).status,
        403,
      );
      assert.equal((await api(lectern, user, 'DELETE', `/questions/${questions.tf}`)).status, 403);
      assert.equal(
        (
          await api(lectern, user, 'PATCH', `/quizzes/${quizId}/questions/reorder`, {
            question_ids: Object.values(questions),
          })
        ).status,
        403,
      );
    }
    assert.equal((await api(lectern, cast.admin, 'POST', `/quizzes/${quizId}/questions`, payload)).status, 201);
  });

  it('updates a question and keeps its key unless changed', async () => {
    const { questions } = await createQuiz(lectern, cast);
    const renamed = await api(lectern, cast.owner, 'PATCH', `/questions/${questions.mc}`, {
      question_text: 'Pick the primes, again',
      points: 3,
    });
    assert.equal(renamed.status, 200);
    assert.deepEqual(renamed.body!['correct_answer'], [0, 2]);
    assert.equal(renamed.body!['points'], 3);
    const rekeyed = await api(lectern, cast.owner, 'PATCH', `/questions/${questions.short}`, {
      correct_answer: ['Albany', 'Albany NY'],
    });
    assert.deepEqual(rekeyed.body!['correct_answer'], ['Albany', 'Albany NY']);
    const retyped = await api(lectern, cast.owner, 'PATCH', `/questions/${questions.tf}`, {
      question_type: 'short_answer',
    });
    assert.equal(retyped.status, 422, 'a new type needs a new key');
    const moved = await api(lectern, cast.owner, 'PATCH', `/questions/${questions.essay}`, { order: 1 });
    assert.equal(moved.body!['order'], 1);
  });

  it('reorders with the full list only, and deletes with renumbering', async () => {
    const { quizId, questions } = await createQuiz(lectern, cast);
    const reversed = [questions.essay, questions.short, questions.tf, questions.mc];
    const reordered = await api(lectern, cast.owner, 'PATCH', `/quizzes/${quizId}/questions/reorder`, {
      question_ids: reversed,
    });
    assert.equal(reordered.status, 200);
    assert.deepEqual(
      (reordered.body!['items'] as unknown as Question[]).map((q) => q.id),
      reversed,
    );
    const partial = await api(lectern, cast.owner, 'PATCH', `/quizzes/${quizId}/questions/reorder`, {
      question_ids: reversed.slice(1),
    });
    assert.equal(partial.status, 422);
    const twice = await api(lectern, cast.owner, 'PATCH', `/quizzes/${quizId}/questions/reorder`, {
      question_ids: [reversed[0], reversed[0], reversed[1], reversed[2]],
    });
    assert.equal(twice.status, 422);

    assert.equal((await api(lectern, cast.owner, 'DELETE', `/questions/${questions.short}`)).status, 204);
    const after = await api(lectern, cast.owner, 'GET', `/quizzes/${quizId}`);
    const remaining = after.body!['questions'] as unknown as Question[];
    assert.deepEqual(
      remaining.map((q) => q.id),
      [questions.essay, questions.tf, questions.mc],
    );
    assert.deepEqual(
      remaining.map((q) => q.order),
      [1, 2, 3],
    );
    assert.equal(after.body!['question_count'], 3);
    assert.equal((await api(lectern, cast.owner, 'DELETE', `/questions/${questions.short}`)).status, 404);
  });
});
