// Lesson progress use cases: complete a lesson, 000's per-lesson progress, video watch reports,
// and the course progress they keep current in the same transaction.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Executor, Tx } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { enrollmentRepo } from './enrollment.repo.ts';
import type { EnrollmentService } from './enrollment.service.ts';
import { enrollmentNotActive, lessonNotInCourse } from './learning.errors.ts';
import type { CatalogPort } from './learning.ports.ts';
import type {
  CourseProgress,
  Enrollment,
  LessonProgress,
  LessonSummary,
  ProgressUpdate,
  WatchPosition,
  WatchReport,
} from './learning.types.ts';
import type { CompleteOutcome, PreviousProgress, ProgressChanges } from './progress.repo.ts';
import { progressRepo } from './progress.repo.ts';

/** Share of a video (percent) from which it counts as watched. */
export const VIDEO_WATCHED_PERCENT = 90;

/** The longest stretch one position report may claim since the previous one; a longer jump is a seek. */
export const MAX_POSITION_GAP_SECONDS = 300;

export interface ProgressDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: Pick<EventBus, 'publish' | 'insertSql' | 'published'>;
  catalog: CatalogPort;
  enrollments: Pick<EnrollmentService, 'getVisible'>;
}

/** Which lesson, and optionally through which enrolment (000 and 002 address lessons alone). */
export interface LessonRef {
  enrollmentId?: string | undefined;
  lessonId: string;
}

export interface ProgressResult {
  progress: LessonProgress;
  enrollment: Enrollment;
}

export function createProgressService({ database, clock, events, catalog, enrollments }: ProgressDeps) {
  const db = database.db;

  /** The actor's own enrolment holding the lesson; anyone else's looks missing. */
  function assertOwn(
    actor: Actor,
    ref: LessonRef,
    lesson: LessonSummary,
    enrollment: Enrollment | undefined,
  ): asserts enrollment is Enrollment {
    if (!enrollment || enrollment.user_id !== actor.id)
      throw notFound('Enrollment', ref.enrollmentId ?? `for lesson ${ref.lessonId}`);
    if (lesson.course_id !== enrollment.course_id) throw lessonNotInCourse(ref.lessonId);
  }

  async function lessonOf(ref: LessonRef): Promise<LessonSummary> {
    const lesson = await catalog.getLessonSummary(ref.lessonId);
    if (!lesson) throw notFound('Lesson', ref.lessonId);
    return lesson;
  }

  async function resolve(actor: Actor, ref: LessonRef): Promise<{ enrollment: Enrollment; lesson: LessonSummary }> {
    const lesson = await lessonOf(ref);
    const enrollment = ref.enrollmentId
      ? await enrollmentRepo.findById(db, ref.enrollmentId)
      : await enrollmentRepo.findByUserAndCourse(db, actor.id, lesson.course_id);
    assertOwn(actor, ref, lesson, enrollment);
    return { enrollment, lesson };
  }

  /**
   * Recomputes the course progress from the completed required lessons (all lessons when none is
   * marked required) and completes the enrolment when the last one is done. Runs under the
   * enrolment's row lock, so concurrent completions of one student count each other.
   */
  async function recompute(tx: Tx, enrollment: Enrollment, now: Date): Promise<Enrollment> {
    return enrollmentRepo.applyProgress(tx, enrollment.id, await countedLessonIds(tx, enrollment.course_id), now);
  }

  /** The lessons the course progress counts: the required ones, or all when none is required. */
  async function countedLessonIds(tx: Tx, courseId: string): Promise<string[]> {
    const lessons = await catalog.listLessonIds(courseId, tx);
    const required = lessons.filter((l) => l.is_required);
    return (required.length > 0 ? required : lessons).map((l) => l.id);
  }

  /** Locks the enrolment and checks it is the actor's, active, and holds the lesson. */
  async function lockOwn(tx: Tx, actor: Actor, ref: LessonRef & { enrollmentId: string }, lesson: LessonSummary) {
    const enrollment = await enrollmentRepo.lockById(tx, ref.enrollmentId);
    assertOwn(actor, ref, lesson, enrollment);
    if (enrollment.status === 'cancelled') throw enrollmentNotActive();
    return enrollment;
  }

  /**
   * A write that sets `completed` (the hot path of lesson completion): the lesson's check, the
   * enrolment's lock and checks, the lesson's progress, the course progress, the enrolment change
   * and their events in one statement, committed on its own. When the enrolment changed between
   * its snapshot and its lock it wrote nothing, and runs again in a transaction, whose first run
   * takes the lock. The checks fail as `resolve`, `assertOwn` and `lockOwn` do, in their order.
   */
  async function writeCompletion(
    actor: Actor,
    ref: LessonRef & { enrollmentId: string },
    changes: ProgressChanges & { completed: boolean },
  ): Promise<ProgressResult> {
    const target = { enrollmentId: ref.enrollmentId, actorId: actor.id, lessonId: ref.lessonId };
    const complete = (executor: Executor) =>
      progressRepo.completeOwn(executor, catalog, events, target, changes, clock.now());
    let outcome = await complete(db);
    if (!outcome.fresh)
      outcome = await database.transaction(async (tx) => {
        const first = await complete(tx);
        // This transaction now holds the lock, so the second run sees every change.
        return first.fresh ? first : complete(tx);
      });
    const { written } = outcome;
    if (!written) throw refusal(actor, ref, outcome);
    if (outcome.eventsPublished > 0) events.published();
    return { progress: written.progress, enrollment: written.enrollment };
  }

  /** Why the completion statement wrote nothing. */
  function refusal(actor: Actor, ref: LessonRef & { enrollmentId: string }, outcome: CompleteOutcome): Error {
    if (outcome.lessonCourseId === null) return notFound('Lesson', ref.lessonId);
    if (outcome.ownerId !== actor.id) return notFound('Enrollment', ref.enrollmentId);
    if (outcome.courseId !== outcome.lessonCourseId) return lessonNotInCourse(ref.lessonId);
    if (outcome.statusBefore === 'cancelled') return enrollmentNotActive();
    return new Error('Lesson completion: the enrolment changed under its lock');
  }

  /**
   * Applies changes to one lesson's progress inside a transaction holding the enrolment lock;
   * ownership is checked on the locked row (one read fewer on this hot path).
   */
  async function write(
    actor: Actor,
    ref: LessonRef & { enrollmentId: string },
    lesson: LessonSummary,
    build: (tx: Tx, enrollment: Enrollment, previous: LessonProgress | undefined) => Promise<ProgressChanges>,
  ): Promise<ProgressResult> {
    return database.transaction(async (tx) => {
      const enrollment = await lockOwn(tx, actor, ref, lesson);
      const now = clock.now();
      const previous = await progressRepo.find(tx, enrollment.id, lesson.id);
      const changes = await build(tx, enrollment, previous);
      const key = {
        enrollment_id: enrollment.id,
        user_id: enrollment.user_id,
        course_id: enrollment.course_id,
        lesson_id: lesson.id,
      };
      const progress = await progressRepo.upsert(tx, key, changes, now);
      const updated =
        changes.completed === undefined ? await touch(tx, enrollment, now) : await recompute(tx, enrollment, now);
      await publishMilestones(tx, { previous, progress, before: enrollment, after: updated });
      return { progress, enrollment: updated };
    });
  }

  /** What this write achieved for the first time: a lesson completed, a video watched, the course completed. */
  async function publishMilestones(
    tx: Tx,
    change: {
      previous: PreviousProgress;
      progress: LessonProgress;
      before: Pick<Enrollment, 'status'>;
      after: Enrollment;
    },
  ): Promise<void> {
    const { previous, progress, before, after } = change;
    const facts = { enrollment_id: after.id, user_id: after.user_id, course_id: after.course_id };
    if (progress.completed && !previous?.completed)
      await events.publish(tx, 'learning.lesson.completed', {
        ...facts,
        lesson_id: progress.lesson_id,
        score: progress.score,
      });
    if (progress.video_watched && !previous?.video_watched)
      await events.publish(tx, 'learning.video.watched', {
        ...facts,
        lesson_id: progress.lesson_id,
        watched_seconds: progress.watched_seconds,
        completion_percentage: progress.completion_percentage,
      });
    if (after.status === 'completed' && before.status !== 'completed')
      await events.publish(tx, 'learning.course.completed', facts);
  }

  /** The lesson, and the enrolment to write through (found by course when the surface gave none). */
  async function target(actor: Actor, ref: LessonRef): Promise<{ lesson: LessonSummary; enrollmentId: string }> {
    if (ref.enrollmentId) return { lesson: await lessonOf(ref), enrollmentId: ref.enrollmentId };
    const { lesson, enrollment } = await resolve(actor, ref);
    return { lesson, enrollmentId: enrollment.id };
  }

  async function touch(tx: Tx, enrollment: Enrollment, now: Date): Promise<Enrollment> {
    await enrollmentRepo.touch(tx, enrollment.id, now);
    return { ...enrollment, last_accessed_at: now };
  }

  async function recordWatch(actor: Actor, ref: LessonRef, report: WatchReport): Promise<ProgressResult> {
    const { lesson, enrollmentId } = await target(actor, ref);
    const duration = lesson.duration_seconds > 0 ? lesson.duration_seconds : (report.duration_seconds ?? 0);
    const from = Math.max(0, Math.floor(Math.min(report.from_seconds, report.to_seconds)));
    let to = Math.ceil(Math.max(report.from_seconds, report.to_seconds));
    if (duration > 0) to = Math.min(to, duration);
    return write(actor, { ...ref, enrollmentId }, lesson, async (tx, locked, previous) => {
      const now = clock.now();
      await progressRepo.insertSpan(
        tx,
        {
          enrollment_id: locked.id,
          user_id: locked.user_id,
          lesson_id: lesson.id,
          session_id: report.session_id ?? null,
          start_seconds: Math.min(from, to),
          end_seconds: to,
        },
        now,
      );
      const watched = await progressRepo.uniqueWatchedSeconds(tx, locked.id, lesson.id);
      const percentage = duration > 0 ? Math.min(100, Math.round((watched * 10_000) / duration) / 100) : 0;
      const watchedEnough = percentage >= VIDEO_WATCHED_PERCENT || previous?.video_watched === true;
      const completes = watchedEnough && lesson.type === 'video' && previous?.completed !== true;
      return {
        watched_seconds: watched,
        last_position_seconds: to,
        completion_percentage: percentage,
        video_watched: watchedEnough,
        ...(completes ? { completed: true } : {}),
      };
    });
  }

  return {
    /** 001's "complete lesson": idempotent; the first completion time is kept. */
    async completeLesson(actor: Actor, ref: LessonRef, score?: number): Promise<ProgressResult> {
      const enrollmentId = ref.enrollmentId ?? (await target(actor, ref)).enrollmentId;
      return writeCompletion(actor, { ...ref, enrollmentId }, { completed: true, score });
    },

    /** 000's users_progress update: completed, score and video-watched flags of one lesson. */
    async updateLessonProgress(actor: Actor, ref: LessonRef, input: ProgressUpdate): Promise<ProgressResult> {
      if (input.completed !== undefined) {
        const enrollmentId = ref.enrollmentId ?? (await target(actor, ref)).enrollmentId;
        const { completed, score, video_watched } = input;
        return writeCompletion(actor, { ...ref, enrollmentId }, { completed, score, video_watched });
      }
      const { lesson, enrollmentId } = await target(actor, ref);
      return write(actor, { ...ref, enrollmentId }, lesson, async () => ({
        ...(input.score === undefined ? {} : { score: input.score }),
        ...(input.video_watched === undefined ? {} : { video_watched: input.video_watched }),
      }));
    },

    /**
     * Records a stretch of playback as a span, recomputes the unique time watched and the
     * completion percentage; a video lesson watched past the threshold completes itself.
     */
    recordWatch,

    /**
     * 000's playback position report: the stretch since the previous position is stored as
     * watched, unless the position went back or jumped more than MAX_POSITION_GAP_SECONDS ahead
     * (a seek, which stores only the position itself).
     */
    async recordWatchPosition(actor: Actor, ref: LessonRef, report: WatchPosition): Promise<ProgressResult> {
      const { enrollmentId } = await target(actor, ref);
      const previous = (await progressRepo.find(db, enrollmentId, ref.lessonId))?.last_position_seconds ?? 0;
      const position = report.position_seconds;
      const gap = position - previous;
      const from = gap >= 0 && gap <= MAX_POSITION_GAP_SECONDS ? previous : position;
      return recordWatch(actor, ref, {
        from_seconds: from,
        to_seconds: position,
        duration_seconds: report.duration_seconds,
      });
    },

    /** One enrolment's progress, lesson by lesson: its student, the course's staff, admins. */
    async getCourseProgress(actor: Actor, enrollmentId: string): Promise<CourseProgress> {
      const enrollment = await enrollments.getVisible(actor, enrollmentId);
      const [lessons, progress] = await Promise.all([
        catalog.listLessonIds(enrollment.course_id),
        progressRepo.listByEnrollment(db, enrollment.id),
      ]);
      const required = lessons.filter((l) => l.is_required);
      const counted = new Set((required.length > 0 ? required : lessons).map((l) => l.id));
      const completed = progress.filter((p) => p.completed && counted.has(p.lesson_id)).length;
      return { enrollment, completed_lessons: completed, total_lessons: counted.size, lessons: progress };
    },

    /** The actor's progress rows, across courses or for one (000's users_progress listings). */
    async listMyProgress(actor: Actor, courseId?: string): Promise<LessonProgress[]> {
      return progressRepo.listByUser(db, actor.id, courseId);
    },

    /** The actor's progress on one lesson, or undefined before they touched it (002). */
    async getLessonProgress(actor: Actor, lessonId: string): Promise<LessonProgress | undefined> {
      const { enrollment } = await resolve(actor, { lessonId });
      return progressRepo.find(db, enrollment.id, lessonId);
    },
  };
}

export type ProgressService = ReturnType<typeof createProgressService>;
