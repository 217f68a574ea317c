// Pure rules for questions and answers: what a valid correct answer and a valid student answer
// look like per question type, and how an answer is scored. No I/O here.
import { invalid } from '../../platform/errors.ts';
import type { AnswerValue, Question, QuestionType } from './assessment.types.ts';

export const TRUE_FALSE_OPTIONS = ['True', 'False'];

/** Validates options and the correct answer of a question and returns their stored form. */
export function normalizeQuestionKey(
  type: QuestionType,
  options: string[] | undefined,
  correct: AnswerValue | null | undefined,
): { options: string[]; correct_answer: Question['correct_answer'] } {
  if (correct !== null && correct !== undefined) assertShape(correct, 'correct_answer');
  switch (type) {
    case 'multiple_choice': {
      const opts = (options ?? []).map((o) => o.trim());
      if (opts.length < 2) throw invalid('A multiple-choice question needs at least two options', 'options');
      if (new Set(opts).size !== opts.length) throw invalid('Options must be distinct', 'options');
      if (correct === null || correct === undefined) throw invalid('Give the correct option(s)', 'correct_answer');
      const indices = toOptionIndices(opts, correct, 'correct_answer');
      if (indices.length === 0) throw invalid('Give at least one correct option', 'correct_answer');
      return { options: opts, correct_answer: indices };
    }
    case 'true_false': {
      const value = toBoolean(correct, 'correct_answer');
      return { options: TRUE_FALSE_OPTIONS, correct_answer: value };
    }
    case 'short_answer': {
      const list = (Array.isArray(correct) ? correct : correct === null || correct === undefined ? [] : [correct]).map(
        (v) => String(v).trim(),
      );
      const accepted = list.filter((v) => v.length > 0);
      if (accepted.length === 0) throw invalid('Give at least one accepted answer', 'correct_answer');
      return { options: [], correct_answer: accepted };
    }
    case 'essay':
      return { options: [], correct_answer: null };
  }
}

/** Validates a student's answer against its question and returns the stored form. */
export function normalizeAnswer(
  question: Pick<Question, 'question_type' | 'options'>,
  value: AnswerValue,
  field = 'answer',
): unknown {
  assertShape(value, field);
  switch (question.question_type) {
    case 'multiple_choice':
      return toOptionIndices(question.options, value, field);
    case 'true_false':
      return toBoolean(value, field);
    case 'short_answer':
    case 'essay': {
      if (Array.isArray(value) || typeof value === 'boolean') throw invalid('Answer with text', field);
      const text = String(value);
      if (text.length > 20_000) throw invalid('Answer is too long', field);
      return text;
    }
  }
}

/** Points for a stored answer; undefined when a person must grade it (essays). */
export function scoreAnswer(question: Question, stored: unknown): { correct: boolean; points: number } | undefined {
  let correct: boolean;
  switch (question.question_type) {
    case 'essay':
      return undefined;
    case 'multiple_choice': {
      const expected = new Set(question.correct_answer as number[]);
      const given = Array.isArray(stored) ? (stored as number[]) : [];
      // All or nothing: every correct option chosen, no wrong one.
      correct = given.length === expected.size && given.every((i) => expected.has(i));
      break;
    }
    case 'true_false':
      correct = stored === question.correct_answer;
      break;
    case 'short_answer': {
      const given = comparable(String(stored));
      correct = (question.correct_answer as string[]).some((accepted) => comparable(accepted) === given);
      break;
    }
  }
  return { correct, points: correct ? question.points : 0 };
}

/** Case- and space-insensitive form of a short answer. */
export function comparable(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, '');
}

/** Answers arrive untyped from the wire: a string, number, boolean, or a short list of strings/numbers. */
function assertShape(value: unknown, field: string): asserts value is AnswerValue {
  const scalar = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  if (scalar(value) || typeof value === 'boolean') return;
  if (Array.isArray(value) && value.length <= 100 && value.every(scalar)) return;
  throw invalid('Answer with an option index or text, a list of them, true/false, or text', field);
}

function toOptionIndices(options: string[], value: AnswerValue, field: string): number[] {
  const items = Array.isArray(value) ? value : [value];
  const indices = new Set<number>();
  for (const item of items) {
    let index: number;
    if (typeof item === 'number') index = item;
    else if (typeof item === 'string') {
      index = options.indexOf(item);
      if (index < 0) index = options.findIndex((o) => comparable(o) === comparable(item));
    } else throw invalid('Choose options by index or text', field);
    if (!Number.isInteger(index) || index < 0 || index >= options.length)
      throw invalid(`Unknown option ${JSON.stringify(item)}`, field);
    indices.add(index);
  }
  return [...indices].sort((a, b) => a - b);
}

function toBoolean(value: AnswerValue | null | undefined, field: string): boolean {
  if (typeof value === 'boolean') return value;
  // 000's clients answer with the option index: 0 = True, 1 = False.
  if (value === 0 || value === 1) return value === 0;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  throw invalid('Answer true or false', field);
}

/** Rounds to the 2 decimals numeric columns keep. */
export const round2 = (n: number) => Math.round(n * 100) / 100;
