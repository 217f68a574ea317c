// 002's per-lecture video progress (category 6): GET, and POST or PUT with `watched_seconds`,
// feeding the same lesson and enrolment progress as 001's player reports.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { IdParams } from './common.schemas.ts';
import { VideoProgressBody, VideoProgressOut } from './progress.schemas.ts';
import { toVideoProgressOut } from './serializers/progress.ts';

const OWN =
  "The caller's own progress through their enrolment in the lecture's course; anyone not enrolled (staff and admins too) gets 404.";

export function progressRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { learning } = modules;
    const tags = ['enrollments'];

    app.get(
      '/lectures/:id/progress/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoGetLectureProgress',
          summary: 'Get lecture progress',
          description: `${OWN} Before the first report it reads as zeros with \`id\` null.`,
          tags,
          params: IdParams,
          response: { 200: Described(VideoProgressOut, 'The video progress.') },
        },
      },
      async (request) => toVideoProgressOut(await learning.getVideoProgress(actorOf(request), request.params.id)),
    );

    for (const method of ['post', 'put'] as const) {
      app[method](
        '/lectures/:id/progress/',
        {
          config: { auth: 'user' },
          schema: {
            operationId: method === 'post' ? 'djangoRecordLectureProgress' : 'djangoReplaceLectureProgress',
            summary: 'Update video progress',
            description: `${OWN} POST and PUT do the same (200): \`watched_seconds\` so far counts as the stretch 0..watched_seconds, so progress never goes back; \`completion_percentage\` is computed from watched/total, and past 90% a video lecture completes itself and the enrolment's progress moves. A cancelled enrolment answers 409.`,
            tags,
            params: IdParams,
            body: VideoProgressBody,
            response: { 200: Described(VideoProgressOut, 'The video progress after the report.') },
          },
        },
        async (request) => {
          const { watched_seconds, total_seconds, completion_percentage } = request.body;
          const progress = await learning.reportVideoProgress(actorOf(request), request.params.id, {
            watched_seconds,
            total_seconds,
            completion_percentage,
          });
          return toVideoProgressOut(progress);
        },
      );
    }
  };
}
