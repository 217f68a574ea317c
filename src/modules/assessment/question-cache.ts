// The question set of a quiz, cached per (quiz, version). Every change to a quiz or its
// questions bumps the version in the same transaction, and readers always learn the current
// version from the database, so no process ever grades against a stale copy. This keeps an
// exam surge (thousands of students, one quiz) from re-reading the same rows per request.
//
// The cache also offers guesses for the one-statement start and save: the quiz last read (for a
// start) and the cached set a question belongs to (for a save). A guess carries its version,
// and the statement using it writes only if the database still has that version.
import type { Executor } from '../../platform/db/index.ts';
import type { Question, Quiz } from './assessment.types.ts';
import { quizRepo } from './quiz.repo.ts';

const MAX_ENTRIES = 500;

export type QuestionCache = ReturnType<typeof createQuestionCache>;

interface Entry {
  version: number;
  questions: Promise<Question[]>;
  /** Set once the read resolved. */
  resolved?: Question[];
  quiz?: Quiz;
}

export function createQuestionCache() {
  const entries = new Map<string, Entry>();
  /** question id → quiz id, for the questions of cached sets (a question never moves to another quiz). */
  const quizOfQuestion = new Map<string, string>();

  function evict(quizId: string): void {
    const entry = entries.get(quizId);
    entries.delete(quizId);
    for (const question of entry?.resolved ?? []) quizOfQuestion.delete(question.id);
  }

  return {
    async get(db: Executor, quizId: string, version: number): Promise<Question[]> {
      const hit = entries.get(quizId);
      if (hit && hit.version === version) return hit.questions;
      // Callers pass the version they read first, so a set read a moment later is never older
      // than its key (questions are only edited in transactions that also bump the version).
      const questions = quizRepo.listQuestions(db, quizId);
      evict(quizId);
      if (entries.size >= MAX_ENTRIES) evict(entries.keys().next().value as string);
      const entry: Entry = { version, questions };
      entries.set(quizId, entry);
      questions.then(
        (resolved) => {
          entry.resolved = resolved;
          if (entries.get(quizId) === entry) for (const question of resolved) quizOfQuestion.set(question.id, quizId);
        },
        () => {
          if (entries.get(quizId) === entry) entries.delete(quizId);
        },
      );
      return questions;
    },

    /** Remembers the quiz read at that version beside its set (a later start's guess). */
    rememberQuiz(quiz: Quiz): void {
      const entry = entries.get(quiz.id);
      if (entry && entry.version === quiz.version) entry.quiz = quiz;
    },

    /** The quiz and its set as last read, if both are cached at one version. */
    quiz(quizId: string): { quiz: Quiz; questions: Question[] } | undefined {
      const entry = entries.get(quizId);
      return entry?.quiz && entry.resolved ? { quiz: entry.quiz, questions: entry.resolved } : undefined;
    },

    /** The cached set that holds this question, with its quiz id and version. */
    setOfQuestion(questionId: string): { quizId: string; version: number; questions: Question[] } | undefined {
      const quizId = quizOfQuestion.get(questionId);
      const entry = quizId === undefined ? undefined : entries.get(quizId);
      return quizId !== undefined && entry?.resolved
        ? { quizId, version: entry.version, questions: entry.resolved }
        : undefined;
    },
  };
}
