// 000's quiz by lesson: the client answers the lesson's quiz in one request, with option indexes
// in the order the quiz lists its questions. It runs through the same attempts as 001 (one open
// attempt per student, max attempts, the server timer), so every contract counts alike.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors.ts';
import { deadlinePassed } from './assessment.errors.ts';
import type { AnswerValue, Attempt } from './assessment.types.ts';
import { attemptRepo } from './attempt.repo.ts';
import type { AttemptService } from './attempt.service.ts';
import type { QuizService } from './quiz.service.ts';

export interface LessonQuizDeps {
  database: DatabaseHandle;
  clock: Clock;
  quizzes: Pick<QuizService, 'getForLesson'>;
  attempts: Pick<AttemptService, 'start' | 'submit'>;
}

export interface LessonQuizSubmission {
  /** One answer per question, in the quiz's question order; missing ones count as unanswered. */
  answers: AnswerValue[];
  /** The client's own measure of the time it took, in seconds. */
  time_spent_seconds?: number | undefined;
}

export function createLessonQuizService({ database, clock, quizzes, attempts }: LessonQuizDeps) {
  return {
    /** Answers and submits the lesson's quiz: the student's open attempt, or a new one. */
    async submit(actor: Actor, lessonId: string, input: LessonQuizSubmission): Promise<Attempt> {
      const quiz = await quizzes.getForLesson(actor, lessonId);
      if (input.answers.length > quiz.questions.length)
        throw invalid(`The quiz has ${quiz.questions.length} questions`, 'answers');
      // A client that says it took longer than the limit is past the deadline, like a late submit.
      if (quiz.time_limit_minutes !== null && (input.time_spent_seconds ?? 0) > quiz.time_limit_minutes * 60)
        throw deadlinePassed();
      const now = clock.now().getTime();
      const open = (await attemptRepo.listForUser(database.db, quiz.id, actor.id)).find(
        (a) => a.status === 'in_progress' && (a.deadline_at === null || a.deadline_at.getTime() > now),
      );
      const attemptId = open?.id ?? (await attempts.start(actor, quiz.id)).id;
      const ordered = [...quiz.questions].sort((a, b) => a.order - b.order);
      const answers = input.answers.map((answer, index) => ({ question_id: ordered[index]!.id, answer }));
      return attempts.submit(actor, attemptId, answers);
    },
  };
}
