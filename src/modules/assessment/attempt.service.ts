// Attempt use cases: start (deadline set here, closing job queued), save answers while open,
// submit (graded at once), close at the deadline (queue job), manual grading of essays.
import { randomInt } from 'node:crypto';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { DatabaseHandle, Executor, Tx } from '../../platform/db/index.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { Queue } from '../../platform/queue/index.ts';
import {
  attemptClosed,
  attemptInProgress,
  attemptJustStarted,
  attemptNotClosed,
  deadlinePassed,
  maxAttemptsReached,
  quizWithoutQuestions,
} from './assessment.errors.ts';
import type { AssessmentPolicy } from './assessment.policy.ts';
import type { AnswerInput, Attempt, AttemptStatus, AttemptSummary, GradeInput, Question } from './assessment.types.ts';
import type { AttemptContext } from './attempt.repo.ts';
import { attemptRepo, toAttemptSummary } from './attempt.repo.ts';
import type { Viewer } from './attempt-view.ts';
import { grade, totals, view } from './attempt-view.ts';
import { normalizeAnswer } from './grading.ts';
import type { QuestionCache } from './question-cache.ts';
import type { QuizService } from './quiz.service.ts';

export const CLOSE_ATTEMPT_JOB = 'assessment.close-attempt';

export interface AttemptDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
  queue: Queue;
  policy: AssessmentPolicy;
  quizzes: Pick<QuizService, 'loadQuiz' | 'readerRole' | 'quizForStaff'>;
  questions: QuestionCache;
}

export interface SaveResult {
  attempt_id: string;
  saved_count: number;
  deadline_at: Date | null;
  saved_at: Date;
}

export function createAttemptService({ database, clock, events, queue, policy, quizzes, questions }: AttemptDeps) {
  const db = database.db;

  /** Closes an open attempt and grades what can be graded automatically. */
  async function finalize(
    tx: Tx,
    ctx: AttemptContext,
    set: Question[],
    endedAt: Date,
    closedBy: 'student' | 'deadline',
  ) {
    const answers = ctx.answers ?? (await attemptRepo.answers(tx, ctx.id));
    const graded = grade(ctx, set, answers);
    const row = await attemptRepo.closeWithGrades(
      tx,
      ctx.id,
      graded.grades,
      { ...totals(ctx, graded.earned, graded.possible, graded.pending), ended_at: endedAt, closed_by: closedBy },
      clock.now(),
    );
    await publishGraded(tx, ctx, toAttemptSummary(row), null);
    const byQuestion = new Map(graded.grades.map((g) => [g.question_id, g]));
    const finalAnswers = answers.map((a) => {
      const g = byQuestion.get(a.question_id);
      return g ? { ...a, correct: g.is_correct, points_earned: g.points_earned } : a;
    });
    return { row, answers: finalAnswers };
  }

  async function publishGraded(
    tx: Tx,
    ctx: Pick<AttemptContext, 'course_id'>,
    attempt: AttemptSummary,
    gradedBy: string | null,
  ): Promise<void> {
    await events.publish(tx, 'assessment.attempt.graded', {
      attempt_id: attempt.id,
      quiz_id: attempt.quiz_id,
      course_id: ctx.course_id,
      user_id: attempt.user_id,
      status: attempt.status,
      score: attempt.score,
      passed: attempt.passed,
      points_earned: attempt.points_earned ?? 0,
      points_possible: attempt.points_possible ?? 0,
      closed_by: attempt.closed_by,
      graded_by: gradedBy,
    });
  }

  async function contextFor(
    actor: Actor,
    attemptId: string,
    executor: Executor = db,
  ): Promise<{ ctx: AttemptContext; viewer: Viewer }> {
    const ctx = await attemptRepo.context(executor, attemptId);
    if (!ctx) throw notFound('Attempt', attemptId);
    if (ctx.user_id === actor.id) return { ctx, viewer: 'owner' };
    if (await policy.isStaff(actor, ctx.course_id)) return { ctx, viewer: 'staff' };
    throw notFound('Attempt', attemptId);
  }

  /** Someone else's attempt: staff may look but not answer (403); others do not see it (404). */
  async function refuseNonOwner(actor: Actor, ctx: AttemptContext, executor: Executor = db): Promise<never> {
    if (await policy.isStaff(actor, ctx.course_id, executor))
      throw forbidden('Only the student taking the attempt may answer it');
    throw notFound('Attempt', ctx.id);
  }

  function validateAnswers(ctx: AttemptContext, set: Question[], input: AnswerInput[]) {
    const inAttempt = new Set(ctx.question_order);
    const byId = new Map(set.map((q) => [q.id, q]));
    const latest = new Map<string, unknown>();
    input.forEach((item, index) => {
      const question = inAttempt.has(item.question_id) ? byId.get(item.question_id) : undefined;
      if (!question)
        throw invalid(`Question ${item.question_id} is not part of this attempt`, `answers.${index}.question_id`);
      latest.set(item.question_id, normalizeAnswer(question, item.answer, `answers.${index}.answer`));
    });
    return [...latest].map(([question_id, answer]) => ({ question_id, answer }));
  }

  const isPastDeadline = (ctx: Pick<AttemptContext, 'deadline_at'>, now: Date) =>
    ctx.deadline_at !== null && now.getTime() >= ctx.deadline_at.getTime();
  const closedError = (ctx: Pick<AttemptContext, 'closed_by'>) =>
    ctx.closed_by === 'deadline' ? deadlinePassed() : attemptClosed();

  function shuffled<T>(items: T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  return {
    async start(actor: Actor, quizId: string): Promise<Attempt> {
      const quiz = await quizzes.loadQuiz(quizId, false);
      // Learners first: on an exam's hot path one enrolment lookup settles it.
      if (!(quiz.is_published && (await policy.isEnrolled(actor, quiz.course_id))))
        await quizzes.readerRole(actor, quiz);
      const set = await questions.get(db, quiz.id, quiz.version);
      if (set.length === 0) throw quizWithoutQuestions();
      const now = clock.now();
      const ids = set.map((q) => q.id);
      const order = quiz.shuffle_questions ? shuffled(ids) : ids;
      const deadline = quiz.time_limit_minutes ? new Date(now.getTime() + quiz.time_limit_minutes * 60_000) : null;
      const ctxBase = { question_order: order, max_attempts: quiz.max_attempts };
      // Read outside the transaction: the unique indexes (one open attempt per student and quiz;
      // one row per attempt number) turn a concurrent start into a conflict, so the transaction
      // stays two statements long on the hot path of an exam.
      let previous = await attemptRepo.listForUser(db, quizId, actor.id);
      const open = previous.find((a) => a.status === 'in_progress');
      if (open && !isPastDeadline(open, now)) throw attemptInProgress(open.id);
      if (open) {
        await database.transaction((tx) => closeLocked(tx, open.id, now));
        previous = await attemptRepo.listForUser(db, quizId, actor.id);
      }
      if (quiz.max_attempts !== null && previous.length >= quiz.max_attempts)
        throw maxAttemptsReached(quiz.max_attempts);
      try {
        const row = await database.transaction(async (tx) => {
          const inserted = await attemptRepo.insert(tx, {
            quiz_id: quizId,
            user_id: actor.id,
            attempt_number: previous.length + 1,
            question_order: order,
            started_at: now,
            deadline_at: deadline,
          });
          // The closing job fires at the deadline and checks the injected clock before acting.
          if (deadline) await queue.send(CLOSE_ATTEMPT_JOB, { attemptId: inserted.id }, { tx, startAfter: deadline });
          return inserted;
        });
        return view(toAttemptSummary(row), ctxBase, set, [], 'owner');
      } catch (error) {
        // Two starts of one student at once: the unique indexes let one through.
        if (isUniqueViolation(error)) throw attemptJustStarted();
        throw error;
      }
    },

    async get(actor: Actor, attemptId: string): Promise<Attempt> {
      const { ctx, viewer } = await contextFor(actor, attemptId);
      const [set, answers] = await Promise.all([
        questions.get(db, ctx.quiz_id, ctx.quiz_version),
        attemptRepo.answers(db, attemptId),
      ]);
      return view(ctx, ctx, set, answers, viewer);
    },

    /** Staff: every attempt of the quiz; a student: their own. */
    async listForQuiz(
      actor: Actor,
      quizId: string,
      filter: { user_id?: string | undefined; status?: AttemptStatus | undefined },
      page: PageRequest,
    ): Promise<Paged<AttemptSummary>> {
      const quiz = await quizzes.loadQuiz(quizId);
      const staff = await policy.isStaff(actor, quiz.course_id);
      if (!staff && !quiz.is_published) throw notFound('Quiz', quizId);
      return attemptRepo.listForQuiz(
        db,
        quizId,
        { userId: staff ? filter.user_id : actor.id, status: filter.status },
        page,
      );
    },

    async saveAnswers(actor: Actor, attemptId: string, input: AnswerInput[]): Promise<SaveResult> {
      const now = clock.now();
      const ctx = await attemptRepo.context(db, attemptId);
      if (!ctx) throw notFound('Attempt', attemptId);
      if (ctx.user_id !== actor.id) return refuseNonOwner(actor, ctx);
      if (ctx.status !== 'in_progress') throw closedError(ctx);
      if (isPastDeadline(ctx, now)) throw deadlinePassed();
      const set = await questions.get(db, ctx.quiz_id, ctx.quiz_version);
      const answers = validateAnswers(ctx, set, input);
      const saved = await attemptRepo.saveAnswers(db, attemptId, actor.id, answers, now);
      if (saved === 0 && answers.length > 0) {
        // Closed between the read and the write: report why.
        const latest = await attemptRepo.context(db, attemptId);
        throw latest && latest.status === 'in_progress' ? deadlinePassed() : closedError(latest ?? ctx);
      }
      return { attempt_id: attemptId, saved_count: saved, deadline_at: ctx.deadline_at, saved_at: now };
    },

    /**
     * Submits and grades. Of concurrent submits of one attempt exactly one wins (row lock); the
     * others get ASSESSMENT_ATTEMPT_CLOSED. Past the deadline the attempt is closed with the
     * answers saved in time, and answers sent with the late submit are refused.
     */
    async submit(actor: Actor, attemptId: string, input: AnswerInput[] = []): Promise<Attempt> {
      const now = clock.now();
      const outcome = await database.transaction(async (tx) => {
        // Without new answers the saved ones come with the locked row: one round trip fewer.
        const ctx = await attemptRepo.context(tx, attemptId, true, input.length === 0);
        if (!ctx) throw notFound('Attempt', attemptId);
        if (ctx.user_id !== actor.id) return refuseNonOwner(actor, ctx, tx);
        if (ctx.status !== 'in_progress') throw closedError(ctx);
        const set = await questions.get(tx, ctx.quiz_id, ctx.quiz_version);
        const late = isPastDeadline(ctx, now);
        if (!late && input.length > 0)
          await attemptRepo.saveAnswers(tx, attemptId, actor.id, validateAnswers(ctx, set, input), now);
        const closed = await finalize(tx, ctx, set, late ? ctx.deadline_at! : now, late ? 'deadline' : 'student');
        return { ctx, set, late, ...closed } as const;
      });
      if (outcome.late && input.length > 0) throw deadlinePassed();
      return view(toAttemptSummary(outcome.row), outcome.ctx, outcome.set, outcome.answers, 'owner');
    },

    /** Points (and feedback) for answers of a closed attempt, usually essays; the score follows. */
    async grade(actor: Actor, attemptId: string, input: GradeInput[]): Promise<Attempt> {
      const ctx = await attemptRepo.context(db, attemptId);
      if (!ctx) throw notFound('Attempt', attemptId);
      if (ctx.user_id === actor.id && !policy.mayGradeOwnWork(actor))
        throw forbidden('You cannot grade your own attempt');
      if (!(await policy.isStaff(actor, ctx.course_id))) {
        if (actor.role === 'instructor') throw notFound('Attempt', attemptId);
        throw forbidden('Only the course instructors or an admin may grade');
      }
      const now = clock.now();
      const result = await database.transaction(async (tx) => {
        const locked = (await attemptRepo.context(tx, attemptId, true))!;
        if (locked.status === 'in_progress') throw attemptNotClosed();
        const set = await questions.get(tx, locked.quiz_id, locked.quiz_version);
        const byId = new Map(set.filter((q) => locked.question_order.includes(q.id)).map((q) => [q.id, q]));
        input.forEach((g, index) => {
          const question = byId.get(g.question_id);
          if (!question)
            throw invalid(`Question ${g.question_id} is not part of this attempt`, `grades.${index}.question_id`);
          if (g.points_earned > question.points)
            throw invalid(`At most ${question.points} point(s) for this question`, `grades.${index}.points_earned`);
        });
        for (const g of input) {
          const question = byId.get(g.question_id)!;
          await attemptRepo.gradeManually(
            tx,
            attemptId,
            {
              question_id: g.question_id,
              is_correct: g.points_earned >= question.points,
              points_earned: g.points_earned,
              feedback: g.feedback ?? null,
              graded_by: actor.id,
            },
            now,
          );
        }
        const answers = await attemptRepo.answers(tx, attemptId);
        let earned = 0;
        let possible = 0;
        let pending = false;
        const answerOf = new Map(answers.map((a) => [a.question_id, a]));
        for (const id of locked.question_order) {
          const question = byId.get(id);
          if (!question) continue;
          possible += question.points;
          const answer = answerOf.get(id);
          if (!answer) continue;
          if (answer.points_earned === null) pending = true;
          else earned += answer.points_earned;
        }
        const row = await attemptRepo.close(tx, attemptId, totals(locked, earned, possible, pending), now);
        await publishGraded(tx, locked, toAttemptSummary(row), actor.id);
        return { row, locked, set, answers };
      });
      return view(toAttemptSummary(result.row), result.locked, result.set, result.answers, 'staff');
    },

    /** The closing job: closes and grades the attempt if, by the injected clock, its time is up. */
    async closeIfExpired(attemptId: string): Promise<'closed' | 'not_due' | 'nothing_to_do'> {
      const now = clock.now();
      const outcome = await database.transaction(async (tx) => closeLocked(tx, attemptId, now));
      if (outcome === 'not_due') {
        // The job ran early by our clock (clocks differ between hosts): look again at the deadline.
        const ctx = await attemptRepo.context(db, attemptId);
        if (ctx?.deadline_at) await queue.send(CLOSE_ATTEMPT_JOB, { attemptId }, { startAfter: ctx.deadline_at });
      }
      return outcome;
    },
  };

  async function closeLocked(tx: Tx, attemptId: string, now: Date): Promise<'closed' | 'not_due' | 'nothing_to_do'> {
    const ctx = await attemptRepo.context(tx, attemptId, true, true);
    if (!ctx || ctx.status !== 'in_progress' || !ctx.deadline_at) return 'nothing_to_do';
    if (!isPastDeadline(ctx, now)) return 'not_due';
    const set = await questions.get(tx, ctx.quiz_id, ctx.quiz_version);
    await finalize(tx, ctx, set, ctx.deadline_at, 'deadline');
    return 'closed';
  }
}

export type AttemptService = ReturnType<typeof createAttemptService>;
