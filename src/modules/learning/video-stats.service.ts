// Video analytics for course staff, computed from watch spans.
import type { Actor } from '../../platform/actor.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { LearningPolicy } from './learning.policy.ts';
import type { CatalogPort } from './learning.ports.ts';
import type { LessonSummary, VideoStats } from './learning.types.ts';
import { videoStatsRepo } from './video-stats.repo.ts';

const RETENTION_BUCKETS = 10;
const DROP_OFF_POINTS = 3;

export interface VideoStatsDeps {
  database: DatabaseHandle;
  catalog: CatalogPort;
  policy: Pick<LearningPolicy, 'canManageCourseLearning'>;
}

export function createVideoStatsService({ database, catalog, policy }: VideoStatsDeps) {
  const db = database.db;

  async function compute(lesson: LessonSummary): Promise<VideoStats> {
    const totals = await videoStatsRepo.totals(db, lesson.id);
    // A lesson without a recorded duration is measured against the furthest point anyone reached.
    const duration = lesson.duration_seconds > 0 ? lesson.duration_seconds : totals.longest_position;
    const viewers = totals.unique_viewers;
    const [retention, dropOffs] =
      duration > 0 && viewers > 0
        ? await Promise.all([
            videoStatsRepo.retention(db, lesson.id, duration, RETENTION_BUCKETS),
            videoStatsRepo.dropOffs(db, lesson.id, duration, RETENTION_BUCKETS, DROP_OFF_POINTS),
          ])
        : [[], []];
    return {
      lesson_id: lesson.id,
      duration_seconds: duration,
      total_views: totals.total_views,
      unique_viewers: viewers,
      completion_rate: viewers === 0 ? 0 : Math.round((totals.completed_viewers * 10_000) / viewers) / 100,
      average_watch_time: totals.average_watch_time,
      drop_off_points: dropOffs,
      retention: retention.map((count, i) => ({
        from_seconds: Math.round((i * duration) / RETENTION_BUCKETS),
        to_seconds: Math.round(((i + 1) * duration) / RETENTION_BUCKETS),
        viewers: count,
      })),
    };
  }

  async function assertStaff(actor: Actor, courseId: string): Promise<void> {
    if (!(await policy.canManageCourseLearning(actor, courseId))) throw forbidden();
  }

  return {
    /** Views, unique viewers, completion rate, average watch time and drop-off of one lesson. */
    async lessonVideoStats(actor: Actor, lessonId: string): Promise<VideoStats> {
      const lesson = await catalog.getLessonSummary(lessonId);
      if (!lesson) throw notFound('Lesson', lessonId);
      await assertStaff(actor, lesson.course_id);
      return compute(lesson);
    },

    /** The same for every video lesson of a course (000's videos/course listing). */
    async courseVideoStats(actor: Actor, courseId: string): Promise<(VideoStats & { title: string })[]> {
      const course = await catalog.getCourseSummary(courseId);
      if (!course) throw notFound('Course', courseId);
      await assertStaff(actor, courseId);
      const result: (VideoStats & { title: string })[] = [];
      for (const { id } of await catalog.listLessonIds(courseId)) {
        const lesson = await catalog.getLessonSummary(id);
        if (lesson?.type === 'video') result.push({ ...(await compute(lesson)), title: lesson.title });
      }
      return result;
    },
  };
}

export type VideoStatsService = ReturnType<typeof createVideoStatsService>;
