import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Question } from '../../src/modules/assessment/assessment.types.ts';
import {
  comparable,
  normalizeAnswer,
  normalizeQuestionKey,
  round2,
  scoreAnswer,
} from '../../src/modules/assessment/grading.ts';
import { DomainError } from '../../src/platform/errors.ts';

const invalidAt = (field: string) => (error: unknown) =>
  error instanceof DomainError && error.kind === 'validation' && error.details?.[0]?.field === field;

const question = (changes: Partial<Question>): Question => ({
  id: 'q1',
  quiz_id: 'quiz',
  question_type: 'multiple_choice',
  question_text: 'Which?',
  options: ['Paris', 'Albany', 'Lyon'],
  correct_answer: [1],
  explanation: null,
  points: 2,
  order: 1,
  ...changes,
});

describe('question keys', () => {
  it('stores multiple-choice answers as sorted option indices, by index or (loosely) by text', () => {
    assert.deepEqual(normalizeQuestionKey('multiple_choice', [' A ', 'B', 'C'], ['c', 0]), {
      options: ['A', 'B', 'C'],
      correct_answer: [0, 2],
    });
  });

  it('refuses fewer than two options, duplicates, unknown options and a missing key', () => {
    assert.throws(() => normalizeQuestionKey('multiple_choice', ['A'], 0), invalidAt('options'));
    assert.throws(() => normalizeQuestionKey('multiple_choice', ['A', 'A'], 0), invalidAt('options'));
    assert.throws(() => normalizeQuestionKey('multiple_choice', ['A', 'B'], 5), invalidAt('correct_answer'));
    assert.throws(() => normalizeQuestionKey('multiple_choice', ['A', 'B'], undefined), invalidAt('correct_answer'));
  });

  it('takes true/false as a boolean, "true"/"false" or 000\'s option index', () => {
    assert.equal(normalizeQuestionKey('true_false', undefined, true).correct_answer, true);
    assert.equal(normalizeQuestionKey('true_false', undefined, 'False').correct_answer, false);
    assert.equal(normalizeQuestionKey('true_false', undefined, 0).correct_answer, true);
    assert.equal(normalizeQuestionKey('true_false', undefined, 1).correct_answer, false);
    assert.throws(() => normalizeQuestionKey('true_false', undefined, 'maybe'), invalidAt('correct_answer'));
  });

  it('keeps the non-empty accepted short answers and no key for essays', () => {
    assert.deepEqual(normalizeQuestionKey('short_answer', undefined, [' Albany ', '']).correct_answer, ['Albany']);
    assert.throws(() => normalizeQuestionKey('short_answer', undefined, ['  ']), invalidAt('correct_answer'));
    assert.deepEqual(normalizeQuestionKey('essay', ['ignored'], 'ignored'), { options: [], correct_answer: null });
  });
});

describe('answers', () => {
  it('validates a student answer against its question', () => {
    assert.deepEqual(normalizeAnswer(question({}), 'albany'), [1]);
    assert.equal(normalizeAnswer(question({ question_type: 'essay' }), 'Long text'), 'Long text');
    assert.throws(() => normalizeAnswer(question({}), 'Berlin', 'answers.0.answer'), invalidAt('answers.0.answer'));
    assert.throws(() => normalizeAnswer(question({ question_type: 'short_answer' }), [1]), invalidAt('answer'));
    assert.throws(() => normalizeAnswer(question({}), { nested: true } as never), invalidAt('answer'));
  });

  it('scores multiple choice all or nothing', () => {
    const multi = question({ correct_answer: [0, 2] });
    assert.deepEqual(scoreAnswer(multi, [0, 2]), { correct: true, points: 2 });
    assert.deepEqual(scoreAnswer(multi, [0]), { correct: false, points: 0 });
    assert.deepEqual(scoreAnswer(multi, [0, 1, 2]), { correct: false, points: 0 });
  });

  it('scores short answers ignoring case and spaces, and leaves essays to a person', () => {
    const short = question({ question_type: 'short_answer', correct_answer: ['New York'] });
    assert.deepEqual(scoreAnswer(short, 'new  york'), { correct: true, points: 2 });
    assert.deepEqual(scoreAnswer(short, 'Albany'), { correct: false, points: 0 });
    assert.equal(scoreAnswer(question({ question_type: 'essay', correct_answer: null }), 'text'), undefined);
    assert.deepEqual(scoreAnswer(question({ question_type: 'true_false', correct_answer: false }), false), {
      correct: true,
      points: 2,
    });
  });

  it('compares text in one canonical form and rounds scores to two decimals', () => {
    assert.equal(comparable(' Ｎew York '), 'newyork');
    assert.equal(round2(66.666), 66.67);
  });
});
