// 000's video analytics: a video is a video lesson. Watch reports become watch spans of the
// learning module, so 000, 001 and the statistics count the same seconds.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { MAX_POSITION_GAP_SECONDS } from '../../modules/learning/index.ts';
import { Described, Int, Nullable, Uuid } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { CourseIdParams, Message } from './content.schemas.ts';

const VideoParams = Type.Object({ video_id: Uuid });

const VideoStatsOut = Type.Object({
  total_views: Type.Integer(),
  unique_viewers: Type.Integer(),
  completion_rate: Type.Number(),
  average_watch_time: Type.Number({ description: 'Seconds.' }),
  drop_off_points: Type.Array(Type.Integer(), { description: 'Seconds into the video where viewers stop.' }),
});

const CourseVideos = Type.Object({
  videos: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      vimeo_id: Nullable(Type.String()),
      duration: Type.Integer(),
      views: Type.Integer(),
      completion_rate: Type.Number(),
    }),
  ),
});

const WatchBody = Type.Object(
  {
    progress_seconds: Int(0, 1_000_000),
    total_duration: Type.Optional(Int(0, 1_000_000)),
    completed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export function gatewayVideoRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog, learning } = modules;
    const tags = ['gateway videos'];

    app.get(
      '/content/videos/course/:course_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewayListCourseVideos',
          summary: "A course's videos with their views",
          description:
            "The video lessons of the course in order, with views and completion rate. The course's teachers and admins (403 for anyone else: viewing figures are staff information).",
          tags,
          params: CourseIdParams,
          response: { 200: Described(CourseVideos, 'The videos.') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const stats = await learning.courseVideoStats(actor, request.params.course_id);
        const course = await catalog.getCourse(actor, request.params.course_id);
        const vimeoIds = new Map(course.lessons.map((lesson) => [lesson.id, lesson.vimeo_id]));
        return {
          videos: stats.map((video) => ({
            id: video.lesson_id,
            title: video.title,
            vimeo_id: vimeoIds.get(video.lesson_id) ?? null,
            duration: video.duration_seconds,
            views: video.total_views,
            completion_rate: video.completion_rate,
          })),
        };
      },
    );

    app.get(
      '/content/videos/:video_id/analytics',
      {
        config: { auth: ['instructor', 'admin'] },
        schema: {
          operationId: 'gatewayGetVideoAnalytics',
          summary: "A video's analytics",
          description:
            "`video_id` is the video lesson's id. The course's teachers and admins only. Computed from the watch spans every surface records.",
          tags,
          params: VideoParams,
          response: { 200: Described(VideoStatsOut, 'The figures.') },
        },
      },
      async (request) => {
        const stats = await learning.lessonVideoStats(actorOf(request), request.params.video_id);
        return {
          total_views: stats.total_views,
          unique_viewers: stats.unique_viewers,
          completion_rate: stats.completion_rate,
          average_watch_time: stats.average_watch_time,
          drop_off_points: stats.drop_off_points,
        };
      },
    );

    app.post(
      '/content/videos/:video_id/watch-progress',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewayRecordWatchProgress',
          summary: 'Report the playback position',
          description: `For an enrolled student (404 otherwise). The stretch since the previous report (at most ${MAX_POSITION_GAP_SECONDS} s; a longer jump is a seek) is stored as watched; the lesson counts as watched, and a video lesson as completed, from 90% of its length. \`completed\` is informational: completion follows from the seconds actually watched.`,
          tags,
          params: VideoParams,
          body: WatchBody,
          response: { 200: Described(Message, 'The report is stored.') },
        },
      },
      async (request) => {
        const { progress_seconds, total_duration } = request.body;
        await learning.recordWatchPosition(
          actorOf(request),
          { lessonId: request.params.video_id },
          { position_seconds: progress_seconds, duration_seconds: total_duration },
        );
        return { message: 'Watch progress recorded' };
      },
    );
  };
}
