// 002's per-lecture video progress (VideoProgress: watched_seconds, total_seconds,
// completion_percentage) over the watch spans 001's player reports feed. A report of N seconds
// watched is the span 0..N, so progress only grows (a smaller report after a larger one changes
// nothing) and the same 90% rule completes a video lesson and the enrolment's progress.
import type { Actor } from '../../platform/actor.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { EnrollmentService } from './enrollment.service.ts';
import type { CatalogPort } from './learning.ports.ts';
import type { Enrollment, LessonProgress, LessonSummary } from './learning.types.ts';
import type { ProgressService } from './progress.service.ts';

/** What a client reports: seconds watched, and the video's length when the lesson has none recorded. */
export interface VideoProgressReport {
  watched_seconds: number;
  total_seconds?: number | undefined;
  /** Used only to derive the length when neither the lesson nor the report gives one. */
  completion_percentage?: number | undefined;
}

/** One student's progress on one lesson; zeros (id null) before their first report. */
export interface VideoProgress {
  id: string | null;
  enrollment_id: string;
  lesson_id: string;
  watched_seconds: number;
  /** The lesson's length, else the one reported; null while unknown. */
  total_seconds: number | null;
  completion_percentage: number;
  last_position_seconds: number;
  completed: boolean;
  completed_at: Date | null;
  updated_at: Date | null;
}

export interface VideoProgressDeps {
  catalog: Pick<CatalogPort, 'getLessonSummary'>;
  progress: Pick<ProgressService, 'recordWatch' | 'getLessonProgress'>;
  enrollments: Pick<EnrollmentService, 'getEnrollment'>;
}

export function createVideoProgressService({ catalog, progress, enrollments }: VideoProgressDeps) {
  async function lessonOf(lessonId: string): Promise<LessonSummary> {
    const lesson = await catalog.getLessonSummary(lessonId);
    if (!lesson) throw notFound('Lesson', lessonId);
    return lesson;
  }

  return {
    /** The caller's own progress; anyone not enrolled (staff and admins too) gets "not found". */
    async get(actor: Actor, lessonId: string): Promise<VideoProgress> {
      const lesson = await lessonOf(lessonId);
      const enrollment = await enrollments.getEnrollment(actor.id, lesson.course_id);
      if (!enrollment) throw notFound('Enrollment', `for lesson ${lessonId}`);
      return view(enrollment, lesson, await progress.getLessonProgress(actor, lessonId));
    },

    async report(actor: Actor, lessonId: string, report: VideoProgressReport): Promise<VideoProgress> {
      if (report.total_seconds !== undefined && report.watched_seconds > report.total_seconds) {
        throw invalid('watched_seconds may not exceed total_seconds.');
      }
      const lesson = await lessonOf(lessonId);
      const total = lesson.duration_seconds > 0 ? lesson.duration_seconds : reportedTotal(report);
      const { progress: row, enrollment } = await progress.recordWatch(
        actor,
        { lessonId },
        { from_seconds: 0, to_seconds: report.watched_seconds, ...(total ? { duration_seconds: total } : {}) },
      );
      return view(enrollment, lesson, row, total);
    },
  };
}

function reportedTotal(report: VideoProgressReport): number | undefined {
  if (report.total_seconds !== undefined && report.total_seconds > 0) return report.total_seconds;
  const percentage = report.completion_percentage ?? 0;
  return percentage > 0 ? Math.round((report.watched_seconds * 100) / percentage) : undefined;
}

function view(
  enrollment: Enrollment,
  lesson: LessonSummary,
  row: LessonProgress | undefined,
  reported?: number,
): VideoProgress {
  const watched = row?.watched_seconds ?? 0;
  const percentage = row?.completion_percentage ?? 0;
  const derived = percentage > 0 ? Math.round((watched * 100) / percentage) : null;
  return {
    id: row?.id ?? null,
    enrollment_id: enrollment.id,
    lesson_id: lesson.id,
    watched_seconds: watched,
    total_seconds: lesson.duration_seconds > 0 ? lesson.duration_seconds : (reported ?? derived),
    completion_percentage: percentage,
    last_position_seconds: row?.last_position_seconds ?? 0,
    completed: row?.completed ?? false,
    completed_at: row?.completed_at ?? null,
    updated_at: row?.updated_at ?? null,
  };
}
