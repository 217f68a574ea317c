// Media assets on lessons (presign → PUT → complete → worker), resumable (tus) uploads, the
// HLS playlist, and avatar uploads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, NoContent, Redirect } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Detail, ValidationDetail } from './common.schemas.ts';
import { uploadErrorResponses } from './files.schemas.ts';
import {
  AssetParams,
  AvatarCompleteBody,
  AvatarPresignBody,
  AvatarPresignOut,
  LessonParams,
  MediaAssetOut,
  PresignBody,
  PresignOut,
  ResumableBody,
  ResumableOut,
} from './media.schemas.ts';
import { toMediaAssetOut, toPresignOut, toResumableOut } from './serializers/media.ts';

const MEDIA_STAFF_ONLY = "Only the course's staff (owner, co-instructors) and admins.";
const PROCESSING =
  'The media worker then checks the bytes (their real type must be one accepted), probes the duration and size, makes a thumbnail, and marks the asset `ready`, or `failed` with a `failure_reason`.';

export function mediaRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { files } = modules;
    const secured = { tags: ['media'] };

    app.post(
      '/lessons/:lesson_id/media/presign',
      {
        config: { auth: 'user', location: '/media-assets/{media_asset_id}' },
        schema: {
          operationId: 'presignLessonMedia',
          summary: 'Start a direct upload of lesson media',
          description: `${MEDIA_STAFF_ONLY} Creates a media asset (\`uploading\`) and a signed URL, valid one hour: send the bytes there with \`upload_method\` and every header of \`upload_headers\`, then call \`POST /media-assets/{asset_id}/complete\` (required with S3 storage; Lectern's own storage notices by itself). Video (MP4, WebM, QuickTime, Matroska) and audio (MP3, M4A) up to the media size limit. ${PROCESSING}`,
          ...secured,
          params: LessonParams,
          body: PresignBody,
          response: { 201: Described(PresignOut, 'Where to upload the bytes.'), ...uploadErrorResponses },
        },
      },
      async (request, reply) => {
        const presigned = await files.presignLessonMedia(actorOf(request), request.params.lesson_id, request.body);
        return reply.status(201).send(toPresignOut(presigned));
      },
    );

    app.post(
      '/media-assets/resumable',
      {
        config: { auth: 'user', location: '/media-assets/{media_asset_id}' },
        schema: {
          operationId: 'createResumableUpload',
          summary: 'Start a resumable video upload',
          description: `${MEDIA_STAFF_ONLY} For a lesson's or a course's video: creates a media asset and a tus upload (valid 24 hours) at \`upload_link\`: PATCH the bytes there with the tus protocol, resuming after a break. The link is Vimeo's when this server uploads to Vimeo (then Vimeo transcodes), else Lectern's own tus endpoint. ${PROCESSING}`,
          ...secured,
          body: ResumableBody,
          response: { 201: Described(ResumableOut, 'Where to send the bytes.'), ...uploadErrorResponses, 503: Detail },
        },
      },
      async (request, reply) => {
        const upload = await files.createResumableUpload(actorOf(request), request.body);
        return reply.status(201).send(toResumableOut(upload));
      },
    );

    app.get(
      '/lessons/:lesson_id/media',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'listLessonMedia',
          summary: "List a lesson's media",
          description:
            "Whoever may read the lesson sees its `ready` assets; the course's staff see every asset and its status.",
          tags: ['media'],
          params: LessonParams,
          response: { 200: Described(Type.Array(MediaAssetOut), "The lesson's media assets.") },
        },
      },
      async (request) => (await files.listLessonMedia(request.actor, request.params.lesson_id)).map(toMediaAssetOut),
    );

    app.get(
      '/media-assets/:asset_id',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'getMediaAsset',
          summary: 'Get a media asset',
          description:
            "The uploader and the course's staff always; whoever may read the lesson once it is `ready` (404 otherwise). `url`, `thumbnail_url` and the renditions' URLs are short-lived signed links, present once the asset is ready.",
          tags: ['media'],
          params: AssetParams,
          response: { 200: Described(MediaAssetOut, 'The asset.') },
        },
      },
      async (request) => toMediaAssetOut(await files.getMediaAsset(request.actor, request.params.asset_id)),
    );

    app.post(
      '/media-assets/:asset_id/complete',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'completeMediaUpload',
          summary: 'Tell Lectern an upload is done',
          description: `The uploader, the course's staff or an admin. Moves the asset to \`processing\` and queues the media worker; 409 when nothing has arrived yet, 410 when the upload window has closed. For a Vimeo asset, asks Vimeo whether it is transcoded. ${PROCESSING}`,
          ...secured,
          params: AssetParams,
          response: {
            202: Described(MediaAssetOut, 'The asset, now processing.'),
            ...uploadErrorResponses,
            503: Detail,
          },
        },
      },
      async (request, reply) =>
        reply
          .status(202)
          .send(toMediaAssetOut(await files.completeMediaUpload(actorOf(request), request.params.asset_id))),
    );

    app.delete(
      '/media-assets/:asset_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'deleteMediaAsset',
          summary: 'Delete a media asset',
          description: "The uploader, the course's staff or an admin; the stored bytes go too.",
          ...secured,
          params: AssetParams,
          response: { 204: Described(NoContent, 'The asset is deleted.') },
        },
      },
      async (request, reply) => {
        await files.deleteMediaAsset(actorOf(request), request.params.asset_id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/media-assets/:asset_id/hls.m3u8',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'getMediaPlaylist',
          summary: "Get a video's HLS playlist",
          description:
            'For players that stream HLS: the playlist of a ready asset with renditions, every segment a signed link. Same visibility as the asset; 404 when it has no HLS rendition.',
          tags: ['media'],
          params: AssetParams,
          response: {
            200: {
              description: 'The HLS playlist.',
              content: { 'application/vnd.apple.mpegurl': { schema: Type.String() } },
            },
          },
        },
      },
      async (request, reply) => {
        const playlist = await files.mediaHlsPlaylist(request.actor, request.params.asset_id);
        return reply.type('application/vnd.apple.mpegurl').send(playlist);
      },
    );

    app.post(
      '/users/me/avatar/presign',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'presignAvatarUpload',
          summary: 'Start an avatar upload',
          description:
            "A signed URL (valid 15 minutes) for a JPEG, PNG or WebP image of 1 KB to 5 MB: send the bytes there with `upload_method` and `upload_headers`, then call `POST /users/me/avatar/complete`. The account's `avatar_url` changes once the worker has checked the image.",
          tags: ['users'],
          body: AvatarPresignBody,
          response: { 200: Described(AvatarPresignOut, 'Where to upload the image.'), ...uploadErrorResponses },
        },
      },
      async (request) => files.presignAvatar(actorOf(request), request.body),
    );

    app.post(
      '/users/me/avatar/complete',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'completeAvatarUpload',
          summary: 'Tell Lectern an avatar upload is done',
          description: '409 when nothing has arrived yet, 410 when the upload window has closed.',
          tags: ['users'],
          body: AvatarCompleteBody,
          response: { 202: Described(MediaAssetOut, 'The avatar, now processing.'), ...uploadErrorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(202)
          .send(toMediaAssetOut(await files.completeMediaUpload(actorOf(request), request.body.asset_id))),
    );

    app.get(
      '/avatars/:asset_id',
      {
        config: { auth: 'public' },
        schema: {
          operationId: 'getAvatar',
          summary: 'Get an avatar image',
          description:
            "The stable address in a user's `avatar_url`: redirects to a fresh signed link of the image. Avatars are public, like profile pictures.",
          tags: ['media'],
          params: AssetParams,
          response: { 302: Redirect('To the image.'), 404: Detail, 422: ValidationDetail, 429: Detail },
        },
      },
      async (request, reply) => reply.redirect(await files.avatarImageUrl(request.params.asset_id), 302),
    );
  };
}
