// The question set of a quiz, cached per (quiz, version). Every change to a quiz or its
// questions bumps the version in the same transaction, and readers always learn the current
// version from the database, so no process ever grades against a stale copy. This keeps an
// exam surge (thousands of students, one quiz) from re-reading the same rows per request.
import type { Executor } from '../../platform/db/index.ts';
import type { Question } from './assessment.types.ts';
import { quizRepo } from './quiz.repo.ts';

const MAX_ENTRIES = 500;

export type QuestionCache = ReturnType<typeof createQuestionCache>;

export function createQuestionCache() {
  const entries = new Map<string, { version: number; questions: Promise<Question[]> }>();

  return {
    async get(db: Executor, quizId: string, version: number): Promise<Question[]> {
      const hit = entries.get(quizId);
      if (hit && hit.version === version) return hit.questions;
      // Callers pass the version they read first, so a set read a moment later is never older
      // than its key (questions are only edited in transactions that also bump the version).
      const questions = quizRepo.listQuestions(db, quizId);
      entries.delete(quizId);
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(quizId, { version, questions });
      questions.catch(() => entries.delete(quizId));
      return questions;
    },
  };
}
