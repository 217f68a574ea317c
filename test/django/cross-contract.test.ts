// One course seen identically through 001 (/api/v1) and 002 (/api/.../): created on one
// surface, changed on the other (title, sections, lectures, a quiz and its questions, an
// attempt), and asserted on both. Both surfaces are views over the same modules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { owner, studentA } = await createCast(lectern);
const call = async (method: string, url: string, auth?: { authorization: string }, payload?: unknown) => {
  const response = await lectern.app.inject({
    method: method as 'GET',
    url,
    ...(auth ? { headers: auth } : {}),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.statusCode === 204 ? undefined : response.json();
};

interface Outline {
  title: string;
  sections: { id: string; title: string; lectures: { id: string; title: string; content_type: string }[] }[];
}

/** The course as 001 shows it, in 002's outline terms, so both surfaces compare field by field. */
async function viaNative(courseId: string, auth = owner.auth): Promise<Outline> {
  const course = await call('GET', `/api/v1/courses/${courseId}`, auth);
  return {
    title: course.title,
    sections: course.sections.map((section: { id: string; title: string }) => ({
      id: section.id,
      title: section.title,
      lectures: course.lessons
        .filter((lesson: { section_id: string }) => lesson.section_id === section.id)
        .map((lesson: { id: string; title: string; content_type: string }) => ({
          id: lesson.id,
          title: lesson.title,
          content_type: lesson.content_type,
        })),
    })),
  };
}

async function viaDjango(courseId: string, auth = owner.auth): Promise<Outline> {
  const course = await call('GET', `/api/courses/${courseId}/`, auth);
  return {
    title: course.title,
    sections: course.sections.map(
      (section: { id: string; title: string; lectures: { id: string; title: string; content_type: string }[] }) => ({
        id: section.id,
        title: section.title,
        lectures: section.lectures.map((lecture) => ({
          id: lecture.id,
          title: lecture.title,
          content_type: lecture.content_type,
        })),
      }),
    ),
  };
}

describe('one course through 001 and 002', () => {
  it('created in 001, changed in 002, the same on both', async () => {
    const course = await call('POST', '/api/v1/courses', owner.auth, {
      title: 'Python from 001',
      description: 'Made natively',
    });
    const section = await call('POST', `/api/v1/courses/${course.id}/sections`, owner.auth, { title: 'Basics' });
    const lesson = await call('POST', `/api/v1/courses/${course.id}/lessons`, owner.auth, {
      title: 'Variables',
      section_id: section.id,
      content_type: 'quiz',
      status: 'published',
    });
    await call('POST', `/api/v1/courses/${course.id}/publish`, owner.auth);
    const quiz = await call('POST', '/api/v1/quizzes', owner.auth, {
      lesson_id: lesson.id,
      title: 'Variables quiz',
      is_published: true,
    });
    const question = await call('POST', `/api/v1/quizzes/${quiz.id}/questions`, owner.auth, {
      question_text: 'Which is a valid name?',
      question_type: 'multiple_choice',
      options: ['1x', 'x1'],
      correct_answer: 1,
    });

    const seenIn002 = await viaDjango(course.id);
    assert.deepEqual(seenIn002, await viaNative(course.id));
    assert.deepEqual(seenIn002.sections[0]!.lectures, [{ id: lesson.id, title: 'Variables', content_type: 'quiz' }]);
    const quiz002 = await call('GET', `/api/lectures/${lesson.id}/quiz/`, owner.auth);
    assert.equal(quiz002.id, quiz.id);
    assert.equal(quiz002.questions[0].correct_answer, 'x1');

    await call('PATCH', `/api/courses/${course.id}/`, owner.auth, { title: 'Python, renamed in 002' });
    await call('PATCH', `/api/sections/${section.id}/`, owner.auth, { title: 'Basics (002)' });
    await call('PATCH', `/api/lectures/${lesson.id}/`, owner.auth, { title: 'Names and values' });
    const added = await call('POST', `/api/sections/${section.id}/lectures/`, owner.auth, {
      title: 'Reading text',
      content_type: 'text',
    });
    await call('PATCH', `/api/quizzes/${quiz.id}/`, owner.auth, { passing_score: 80, title: 'Names quiz' });
    await call('PATCH', `/api/questions/${question.id}/`, owner.auth, { correct_answer: '1x' });
    await call('POST', `/api/quizzes/${quiz.id}/questions/`, owner.auth, {
      question_text: 'Python is typed dynamically.',
      question_type: 'true_false',
      correct_answer: true,
    });

    const expected: Outline = {
      title: 'Python, renamed in 002',
      sections: [
        {
          id: section.id,
          title: 'Basics (002)',
          lectures: [
            { id: lesson.id, title: 'Names and values', content_type: 'quiz' },
            { id: added.id, title: 'Reading text', content_type: 'text' },
          ],
        },
      ],
    };
    assert.deepEqual(await viaNative(course.id), expected);
    assert.deepEqual(await viaDjango(course.id), expected);
    const native = await call('GET', `/api/v1/quizzes/${quiz.id}`, owner.auth);
    assert.equal(native.title, 'Names quiz');
    assert.equal(native.passing_score_percentage, 80);
    assert.deepEqual(
      native.questions.map((q: { question_text: string; correct_answer: unknown }) => [
        q.question_text,
        q.correct_answer,
      ]),
      [
        ['Which is a valid name?', [0]],
        ['Python is typed dynamically.', true],
      ],
    );
  });

  it('created in 002, changed in 001, the same on both; an attempt started in 002 is submitted in 001', async () => {
    const course = await call('POST', '/api/courses/', owner.auth, { title: 'Made in 002', status: 'published' });
    const section = await call('POST', `/api/courses/${course.id}/sections/`, owner.auth, { title: 'Week 1' });
    const lecture = await call('POST', `/api/sections/${section.id}/lectures/`, owner.auth, {
      title: 'Check yourself',
      content_type: 'quiz',
    });
    const quiz = await call('POST', `/api/lectures/${lecture.id}/quiz/`, owner.auth, { title: 'Week 1 quiz' });
    const question = await call('POST', `/api/quizzes/${quiz.id}/questions/`, owner.auth, {
      question_text: 'Capital of Peru?',
      question_type: 'multiple_choice',
      options: ['Lima', 'Cusco'],
      correct_answer: 'Lima',
    });
    assert.deepEqual(await viaNative(course.id), await viaDjango(course.id));

    await call('PATCH', `/api/v1/courses/${course.id}`, owner.auth, { title: 'Renamed in 001' });
    await call('PATCH', `/api/v1/sections/${section.id}`, owner.auth, { title: 'Week one' });
    await call('PATCH', `/api/v1/lessons/${lecture.id}`, owner.auth, { title: 'Self check' });
    await call('PATCH', `/api/v1/quizzes/${quiz.id}`, owner.auth, { max_attempts: 3, time_limit_minutes: 30 });
    await call('PATCH', `/api/v1/questions/${question.id}`, owner.auth, { question_text: 'Capital city of Peru?' });

    const expected: Outline = {
      title: 'Renamed in 001',
      sections: [
        {
          id: section.id,
          title: 'Week one',
          lectures: [{ id: lecture.id, title: 'Self check', content_type: 'quiz' }],
        },
      ],
    };
    assert.deepEqual(await viaDjango(course.id), expected);
    assert.deepEqual(await viaNative(course.id), expected);
    const quiz002 = await call('GET', `/api/quizzes/${quiz.id}/`, owner.auth);
    assert.equal(quiz002.max_attempts, 3);
    assert.equal(quiz002.time_limit_minutes, 30);
    assert.equal(quiz002.questions[0].question_text, 'Capital city of Peru?');
    assert.equal(quiz002.questions[0].correct_answer, 'Lima');

    // A student enrols in 001, starts in 002, submits in 001 and reads the result in 002.
    await call('POST', `/api/v1/courses/${course.id}/enroll`, studentA.auth);
    const attempt = await call('POST', `/api/quizzes/${quiz.id}/start/`, studentA.auth);
    assert.ok(attempt.expires_at, 'the time limit set in 001 applies in 002');
    const submitted = await call('POST', `/api/v1/attempts/${attempt.id}/submit`, studentA.auth, {
      answers: [{ question_id: question.id, answer: 0 }],
    });
    assert.equal(submitted.score, 100);
    const result = await call('GET', `/api/quiz-attempts/${attempt.id}/result/`, studentA.auth);
    assert.equal(result.score, 100);
    assert.equal(result.passed, true);
    assert.deepEqual(
      result.answers.map((a: { question: string; answer: unknown; is_correct: boolean }) => [
        a.question,
        a.answer,
        a.is_correct,
      ]),
      [[question.id, 'Lima', true]],
    );
  });
});
