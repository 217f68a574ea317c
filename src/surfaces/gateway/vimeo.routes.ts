// 000's Vimeo paths, over the files module's lesson videos: a tus upload link (Vimeo's when
// VIMEO_ACCESS_TOKEN is set, Lectern's own tus endpoint otherwise), metadata and deletion, told
// to Vimeo first for Vimeo videos. `video_id` is the Vimeo id, or the `ticket_id` of the upload.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, Nullable, StringEnum, Uuid } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Message } from './content.schemas.ts';

const PRIVACY = ['anybody', 'contacts', 'disable', 'nobody', 'unlisted', 'users'] as const;

const UploadBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    size: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'The file size in bytes.' }),
    course_id: Uuid,
    lesson_id: Type.Optional({ ...Uuid, description: 'Attach the video to this lesson of the course.' }),
  },
  { additionalProperties: false },
);

const UploadTicket = Type.Object({
  upload_link: Type.String({ description: 'Where the client sends its tus PATCH requests.' }),
  complete_uri: Type.String({
    description:
      "Vimeo's `/videos/{id}`; for Lectern's own tus, the path that reports the upload finished (the last byte also does).",
  }),
  ticket_id: Type.String({ description: "Lectern's media asset id of the video." }),
  upload_id: Type.String({ description: 'The Vimeo video id, or the id of the tus upload at Lectern.' }),
});

const VideoParams = Type.Object({
  video_id: Type.String({
    minLength: 1,
    maxLength: 36,
    pattern: '^([0-9]{1,20}|[0-9a-fA-F-]{36})$',
    description: 'The Vimeo video id, or the `ticket_id` the upload answered.',
  }),
});

const MetadataBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    privacy: Type.Optional(StringEnum(PRIVACY, { description: "Vimeo's `privacy.view`." })),
  },
  { additionalProperties: false },
);

const Video = Type.Object({
  id: Type.String({ description: 'The ticket id (media asset id).' }),
  vimeo_id: Nullable(Type.String()),
  name: Type.String(),
  description: Nullable(Type.String()),
  privacy: Nullable(Type.String()),
  status: Type.String({ description: '`uploading`, `processing`, `ready` or `failed`.' }),
  duration: Nullable(Type.Number({ description: 'Seconds, once known.' })),
  course_id: Nullable(Type.String()),
  lesson_id: Nullable(Type.String()),
});

const WHO = "The course's teachers (owner or co-instructor), the video's uploader and admins.";

export function gatewayVimeoRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { files } = modules;
    const tags = ['gateway vimeo'];
    const staff = { auth: ['instructor', 'admin'] as const };

    app.post(
      '/content/vimeo/upload',
      {
        config: { ...staff, location: (body) => `/api/v1/media-assets/${String(body['ticket_id'])}` },
        schema: {
          operationId: 'gatewayCreateVimeoUpload',
          summary: 'Start a resumable video upload',
          description: `The course's teachers and admins (another teacher gets 403, an unknown course 404). With a Vimeo token configured the video is created at Vimeo and \`upload_link\` is Vimeo's tus link; otherwise it is Lectern's own tus endpoint. Same fields either way.`,
          tags,
          body: UploadBody,
          response: { 201: Described(UploadTicket, 'The upload is open.') },
        },
      },
      async (request, reply) => {
        const { course_id, lesson_id, ...video } = request.body;
        const upload = await files.createResumableUpload(actorOf(request), {
          ...video,
          ...(lesson_id ? { lesson_id } : { course_id }),
        });
        return reply.status(201).send({
          upload_link: upload.upload_link,
          complete_uri: upload.asset.vimeo_id
            ? `/videos/${upload.asset.vimeo_id}`
            : `/api/v1/media-assets/${upload.asset.id}/complete`,
          ticket_id: upload.asset.id,
          upload_id: upload.upload_id,
        });
      },
    );

    app.put(
      '/content/vimeo/update-metadata/:video_id',
      {
        config: staff,
        schema: {
          operationId: 'gatewayUpdateVimeoMetadata',
          summary: "Change a video's name, description or privacy",
          description: `${WHO} A Vimeo video is changed at Vimeo first (\`PATCH /videos/{id}\`; 503 when Vimeo fails, nothing changed); the values are kept with the video either way.`,
          tags,
          params: VideoParams,
          body: MetadataBody,
          response: { 200: Described(Type.Object({ message: Type.String(), video: Video }), 'The changed video.') },
        },
      },
      async (request) => {
        const { asset, description, privacy } = await files.updateVideoMetadata(
          actorOf(request),
          request.params.video_id,
          request.body,
        );
        return {
          message: 'Video metadata updated successfully',
          video: {
            id: asset.id,
            vimeo_id: asset.vimeo_id,
            name: asset.original_name,
            description,
            privacy,
            status: asset.status,
            duration: asset.duration_seconds,
            course_id: asset.course_id,
            lesson_id: asset.lesson_id,
          },
        };
      },
    );

    app.delete(
      '/content/vimeo/delete/:video_id',
      {
        config: staff,
        schema: {
          operationId: 'gatewayDeleteVimeoVideo',
          summary: 'Delete a video',
          description: `${WHO} A Vimeo video is deleted at Vimeo first (\`DELETE /videos/{id}\`; one already gone there counts as deleted; 503 when Vimeo fails, nothing deleted), then Lectern's record and any stored bytes.`,
          tags,
          params: VideoParams,
          response: { 200: Described(Message, 'The video is deleted.') },
        },
      },
      async (request) => {
        await files.deleteVideo(actorOf(request), request.params.video_id);
        return { message: 'Video deleted successfully' };
      },
    );
  };
}
