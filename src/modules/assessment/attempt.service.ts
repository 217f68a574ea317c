// Attempt use cases: start (deadline set here), save answers while open, submit (graded at
// once), close at the deadline (the sweeper, a recurring queue job), manual grading of essays.
// On an exam's hot path each request is one statement when the question cache can guess the
// quiz and its version (the statement checks the guess); otherwise the slower reads decide.
import { randomInt } from 'node:crypto';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { DatabaseHandle, Executor, Tx } from '../../platform/db/index.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
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
import type {
  AnswerInput,
  Attempt,
  AttemptAnswer,
  AttemptStatus,
  AttemptSummary,
  GradeInput,
  Question,
  Quiz,
} from './assessment.types.ts';
import type { AttemptContext } from './attempt.repo.ts';
import { attemptRepo, toAttemptSummary } from './attempt.repo.ts';
import type { EnrolledCondition, SaveOutcome } from './attempt-hot.repo.ts';
import { attemptHotRepo } from './attempt-hot.repo.ts';
import type { Viewer } from './attempt-view.ts';
import { grade, totals, view } from './attempt-view.ts';
import { normalizeAnswer } from './grading.ts';
import type { QuestionCache } from './question-cache.ts';
import type { QuizService } from './quiz.service.ts';

/** Closes one attempt at its deadline: queued per attempt by earlier releases, drained by this one. */
export const CLOSE_ATTEMPT_JOB = 'assessment.close-attempt';
/** The deadline sweeper: every minute, closes and grades every open attempt past its deadline. */
export const CLOSE_EXPIRED_ATTEMPTS_JOB = 'assessment.close-expired-attempts';
const SWEEP_BATCH = 500;

export interface AttemptDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: Pick<EventBus, 'publish' | 'insertSql' | 'published'>;
  policy: AssessmentPolicy;
  quizzes: Pick<QuizService, 'loadQuiz' | 'readerRole' | 'quizForStaff'>;
  questions: QuestionCache;
  enrolled: EnrolledCondition;
}

export interface SaveResult {
  attempt_id: string;
  saved_count: number;
  deadline_at: Date | null;
  saved_at: Date;
}

export function createAttemptService({ database, clock, events, policy, quizzes, questions, enrolled }: AttemptDeps) {
  const db = database.db;

  /** Closes an open attempt, locked by the caller, and grades what can be graded automatically. */
  async function finalize(
    tx: Tx,
    ctx: AttemptContext,
    set: Question[],
    endedAt: Date,
    closedBy: 'student' | 'deadline',
  ) {
    const answers = ctx.answers ?? (await attemptRepo.answers(tx, ctx.id));
    const closed = await closeGraded(tx, ctx, set, answers, endedAt, closedBy, null, clock.now());
    if (!closed) throw new Error(`Attempt ${ctx.id} was not open under its lock`);
    return closed;
  }

  /**
   * Grades the answers and closes the attempt with them and its event in one statement (see
   * attemptHotRepo.close); undefined when it did not close.
   */
  async function closeGraded(
    executor: Executor,
    ctx: AttemptContext,
    set: Question[],
    answers: AttemptAnswer[],
    endedAt: Date,
    closedBy: 'student' | 'deadline',
    answersVersion: number | null,
    now: Date,
  ) {
    const graded = grade(ctx, set, answers);
    const result = totals(ctx, graded.earned, graded.possible, graded.pending);
    const closing = { ...result, ended_at: endedAt, closed_by: closedBy };
    const event = gradedEvent(ctx, { ...ctx, ...closing }, null);
    const closed = await attemptHotRepo.close(
      executor,
      events,
      ctx.id,
      answersVersion,
      graded.grades,
      closing,
      event,
      now,
    );
    if (!closed) return undefined;
    if (closed.published) events.published();
    const byQuestion = new Map(graded.grades.map((g) => [g.question_id, g]));
    const finalAnswers = answers.map((a) => {
      const g = byQuestion.get(a.question_id);
      return g ? { ...a, correct: g.is_correct, points_earned: g.points_earned } : a;
    });
    return { row: closed.row, answers: finalAnswers };
  }

  async function publishGraded(
    tx: Tx,
    ctx: Pick<AttemptContext, 'course_id'>,
    attempt: AttemptSummary,
    gradedBy: string | null,
  ): Promise<void> {
    await events.publish(tx, 'assessment.attempt.graded', gradedEvent(ctx, attempt, gradedBy));
  }

  function gradedEvent(ctx: Pick<AttemptContext, 'course_id'>, attempt: AttemptSummary, gradedBy: string | null) {
    return {
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
    };
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

  function validateAnswers(ctx: Pick<AttemptContext, 'question_order'>, set: Question[], input: AnswerInput[]) {
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

  const warming = new Map<string, Promise<void>>();

  return {
    async start(actor: Actor, quizId: string): Promise<Attempt> {
      const now = clock.now();
      let guess = questions.quiz(quizId);
      if (!guess) {
        await warm(quizId);
        guess = questions.quiz(quizId);
      }
      if (guess && guess.questions.length > 0) {
        // One statement: it inserts only if the cached quiz version is current, the quiz published,
        // the student enrolled, with no open attempt and attempts left; else the reads below decide.
        const { quiz, questions: set } = guess;
        const order = questionOrder(quiz, set);
        const deadline = deadlineOf(quiz, now);
        const row = await insertingOnce(() =>
          attemptHotRepo.start(db, enrolled, {
            quizId,
            version: quiz.version,
            userId: actor.id,
            order,
            now,
            deadline,
          }),
        );
        if (row)
          return view(
            toAttemptSummary(row),
            { question_order: order, max_attempts: quiz.max_attempts },
            set,
            [],
            'owner',
          );
      }
      return startSlowly(actor, quizId, now);
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
      const guess = input.length > 0 ? questions.setOfQuestion(input[0]!.question_id) : undefined;
      if (guess) {
        const answers = normalizedOrUndefined(guess.questions, input);
        const outcome =
          answers &&
          (await attemptHotRepo.save(db, {
            attemptId,
            userId: actor.id,
            quizId: guess.quizId,
            version: guess.version,
            answers,
            now,
          }));
        if (outcome && outcome.saved > 0)
          return {
            attempt_id: attemptId,
            saved_count: outcome.saved,
            deadline_at: outcome.ctx.deadline_at,
            saved_at: now,
          };
        if (outcome) await explainUnsaved(actor, outcome, input, now);
      }
      return saveSlowly(actor, attemptId, input, now);
    },

    /**
     * Submits and grades. Of concurrent submits of one attempt exactly one wins (row lock); the
     * others get ASSESSMENT_ATTEMPT_CLOSED. Past the deadline the attempt is closed with the
     * answers saved in time, and answers sent with the late submit are refused.
     */
    async submit(actor: Actor, attemptId: string, input: AnswerInput[] = []): Promise<Attempt> {
      const now = clock.now();
      if (input.length === 0) {
        const closed = await submitOptimistically(actor, attemptId, now);
        if (closed) return closed;
      }
      const outcome = await database.transaction(async (tx) => {
        // The saved answers come with the locked row; new ones sent with the submit are merged below.
        const ctx = await attemptHotRepo.lockedContext(tx, attemptId);
        if (!ctx) throw notFound('Attempt', attemptId);
        if (ctx.user_id !== actor.id) return refuseNonOwner(actor, ctx, tx);
        if (ctx.status !== 'in_progress') throw closedError(ctx);
        const set = await questions.get(tx, ctx.quiz_id, ctx.quiz_version);
        const late = isPastDeadline(ctx, now);
        if (!late && input.length > 0) {
          await attemptRepo.saveAnswers(tx, attemptId, actor.id, validateAnswers(ctx, set, input), now);
          delete ctx.answers; // finalize reads them again, with the new ones
        }
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

    /**
     * A per-attempt closing job queued by an earlier release: closes the attempt if, by the
     * injected clock, its time is up; one not yet due is left to the sweeper.
     */
    async closeIfExpired(attemptId: string): Promise<'closed' | 'not_due' | 'nothing_to_do'> {
      const now = clock.now();
      return database.transaction(async (tx) => closeLocked(tx, attemptId, now));
    },

    /**
     * The sweeper: closes every open attempt past its deadline (by the injected clock), graded as
     * a submit at the deadline would be, a batch per transaction and one statement per batch.
     * Attempts another sweeper is closing are skipped. Returns how many it closed.
     */
    async closeExpired(): Promise<number> {
      const now = clock.now();
      let closed = 0;
      for (;;) {
        const batch = await database.transaction(async (tx) => {
          const expired = await attemptHotRepo.lockExpired(tx, now, SWEEP_BATCH);
          const sets = new Map<string, Question[]>();
          for (const ctx of expired) {
            ctx.answers ??= await attemptRepo.answers(tx, ctx.id); // a save committed while locking
            const key = `${ctx.quiz_id}:${ctx.quiz_version}`;
            if (!sets.has(key)) sets.set(key, await questions.get(tx, ctx.quiz_id, ctx.quiz_version));
          }
          const closes = expired.map((ctx) => {
            const graded = grade(ctx, sets.get(`${ctx.quiz_id}:${ctx.quiz_version}`)!, ctx.answers!);
            return {
              id: ctx.id,
              ...totals(ctx, graded.earned, graded.possible, graded.pending),
              ended_at: ctx.deadline_at!,
              grades: graded.grades,
            };
          });
          const rows = await attemptHotRepo.closeExpired(tx, closes, now);
          const contexts = new Map(expired.map((ctx) => [ctx.id, ctx]));
          for (const row of rows) await publishGraded(tx, contexts.get(row.id)!, toAttemptSummary(row), null);
          return expired.length;
        });
        closed += batch;
        if (batch < SWEEP_BATCH) return closed;
      }
    },
  };

  /**
   * A submit without new answers in two round trips: the attempt and its answers read without a
   * lock, graded here, then closed together with its event in one statement, only if no save or
   * close came between. Undefined: the transactional path decides (someone else's or a closed
   * attempt, a race).
   */
  async function submitOptimistically(actor: Actor, attemptId: string, now: Date): Promise<Attempt | undefined> {
    const ctx = await attemptHotRepo.context(db, attemptId);
    if (!ctx || ctx.user_id !== actor.id || ctx.status !== 'in_progress') return undefined;
    const set = await questions.get(db, ctx.quiz_id, ctx.quiz_version);
    const late = isPastDeadline(ctx, now);
    const endedAt = late ? ctx.deadline_at! : now;
    const answers = ctx.answers ?? [];
    const closed = await closeGraded(
      db,
      ctx,
      set,
      answers,
      endedAt,
      late ? 'deadline' : 'student',
      ctx.answers_version,
      now,
    );
    return closed && view(toAttemptSummary(closed.row), ctx, set, closed.answers, 'owner');
  }

  function questionOrder(quiz: Pick<Quiz, 'shuffle_questions'>, set: Question[]): string[] {
    const ids = set.map((q) => q.id);
    return quiz.shuffle_questions ? shuffled(ids) : ids;
  }

  function deadlineOf(quiz: Pick<Quiz, 'time_limit_minutes'>, now: Date): Date | null {
    return quiz.time_limit_minutes ? new Date(now.getTime() + quiz.time_limit_minutes * 60_000) : null;
  }

  /** Two starts of one student at once: the unique indexes let one through. */
  async function insertingOnce<T>(insert: () => Promise<T>): Promise<T> {
    try {
      return await insert();
    } catch (error) {
      if (isUniqueViolation(error)) throw attemptJustStarted();
      throw error;
    }
  }

  /**
   * Reads a quiz and its set into the cache once for every start that finds it cold at the same
   * time (an exam's first second), so that they take the one-statement start too. Errors are
   * left to the slow path, which reports them to its caller.
   */
  function warm(quizId: string): Promise<void> {
    let pending = warming.get(quizId);
    if (!pending) {
      pending = (async () => {
        const quiz = await quizzes.loadQuiz(quizId, false);
        await questions.get(db, quiz.id, quiz.version);
        questions.rememberQuiz(quiz);
      })()
        .catch(() => undefined)
        .finally(() => warming.delete(quizId));
      warming.set(quizId, pending);
    }
    return pending;
  }

  /** The start with every check read apart: a cold cache, staff, or a refusal to explain. */
  async function startSlowly(actor: Actor, quizId: string, now: Date): Promise<Attempt> {
    const quiz = await quizzes.loadQuiz(quizId, false);
    // Learners first: one enrolment lookup settles it.
    if (!(quiz.is_published && (await policy.isEnrolled(actor, quiz.course_id)))) await quizzes.readerRole(actor, quiz);
    const set = await questions.get(db, quiz.id, quiz.version);
    questions.rememberQuiz(quiz);
    if (set.length === 0) throw quizWithoutQuestions();
    const order = questionOrder(quiz, set);
    const deadline = deadlineOf(quiz, now);
    // The unique indexes (one open attempt per student and quiz; one row per attempt number)
    // turn a concurrent start into a conflict, so the reads need no lock.
    let previous = await attemptRepo.listForUser(db, quizId, actor.id);
    const open = previous.find((a) => a.status === 'in_progress');
    if (open && !isPastDeadline(open, now)) throw attemptInProgress(open.id);
    if (open) {
      await database.transaction((tx) => closeLocked(tx, open.id, now));
      previous = await attemptRepo.listForUser(db, quizId, actor.id);
    }
    if (quiz.max_attempts !== null && previous.length >= quiz.max_attempts) throw maxAttemptsReached(quiz.max_attempts);
    // No closing job: the sweeper closes the attempt if it is abandoned past its deadline.
    const row = await insertingOnce(() =>
      attemptRepo.insert(db, {
        quiz_id: quizId,
        user_id: actor.id,
        attempt_number: previous.length + 1,
        question_order: order,
        started_at: now,
        deadline_at: deadline,
      }),
    );
    return view(toAttemptSummary(row), { question_order: order, max_attempts: quiz.max_attempts }, set, [], 'owner');
  }

  /** Answers normalised against a guessed set; undefined when they do not fit it (the slow path judges). */
  function normalizedOrUndefined(set: Question[], input: AnswerInput[]) {
    try {
      return validateAnswers({ question_order: set.map((q) => q.id) }, set, input);
    } catch {
      return undefined;
    }
  }

  /** The one-statement save wrote nothing: throw what the checks say, in the slow path's order. */
  async function explainUnsaved(actor: Actor, outcome: SaveOutcome, input: AnswerInput[], now: Date): Promise<void> {
    const ctx = outcome.ctx;
    if (ctx.user_id !== actor.id) {
      if (await policy.isStaff(actor, ctx.course_id))
        throw forbidden('Only the student taking the attempt may answer it');
      throw notFound('Attempt', ctx.id);
    }
    if (ctx.status !== 'in_progress') throw closedError(ctx);
    if (isPastDeadline(ctx, now)) throw deadlinePassed();
    validateAnswers(ctx, await questions.get(db, ctx.quiz_id, ctx.quiz_version), input);
    // Valid after all (the guess was another quiz or version): the slow path saves.
  }

  async function saveSlowly(actor: Actor, attemptId: string, input: AnswerInput[], now: Date): Promise<SaveResult> {
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
  }

  async function closeLocked(tx: Tx, attemptId: string, now: Date): Promise<'closed' | 'not_due' | 'nothing_to_do'> {
    const ctx = await attemptHotRepo.lockedContext(tx, attemptId);
    if (!ctx || ctx.status !== 'in_progress' || !ctx.deadline_at) return 'nothing_to_do';
    if (!isPastDeadline(ctx, now)) return 'not_due';
    const set = await questions.get(tx, ctx.quiz_id, ctx.quiz_version);
    await finalize(tx, ctx, set, ctx.deadline_at, 'deadline');
    return 'closed';
  }
}

export type AttemptService = ReturnType<typeof createAttemptService>;
