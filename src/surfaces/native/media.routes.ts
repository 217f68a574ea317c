// Media assets on lessons (presign → PUT → complete → worker), resumable (tus) uploads, the
// HLS playlist, and avatar uploads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import type { MediaAsset } from '../../modules/files/index.ts';
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

export function mediaRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { files } = modules;
    const secured = { tags: ['media'] };

    app.post(
      '/lessons/:lesson_id/media/presign',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: LessonParams,
          body: PresignBody,
          response: { 201: PresignOut, ...uploadErrorResponses },
        },
      },
      async (request, reply) => {
        const presigned = await files.presignLessonMedia(actorOf(request), request.params.lesson_id, request.body);
        return reply.status(201).send({
          media_asset_id: presigned.asset.id,
          upload_url: presigned.upload_url,
          upload_method: presigned.upload_method,
          upload_headers: presigned.upload_headers,
          expires_at: presigned.expires_at,
          asset: assetOut(presigned.asset),
        });
      },
    );

    app.post(
      '/media-assets/resumable',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          body: ResumableBody,
          response: { 201: ResumableOut, ...uploadErrorResponses, 503: Detail },
        },
      },
      async (request, reply) => {
        const upload = await files.createResumableUpload(actorOf(request), request.body);
        return reply.status(201).send({
          media_asset_id: upload.asset.id,
          upload_link: upload.upload_link,
          upload_id: upload.upload_id,
          expires_at: upload.expires_at,
          asset: assetOut(upload.asset),
        });
      },
    );

    app.get(
      '/lessons/:lesson_id/media',
      {
        config: { auth: 'optional' },
        schema: {
          tags: ['media'],
          params: LessonParams,
          response: { 200: Type.Array(MediaAssetOut) },
        },
      },
      async (request) => (await files.listLessonMedia(request.actor, request.params.lesson_id)).map(assetOut),
    );

    app.get(
      '/media-assets/:asset_id',
      {
        config: { auth: 'optional' },
        schema: { tags: ['media'], params: AssetParams, response: { 200: MediaAssetOut } },
      },
      async (request) => assetOut(await files.getMediaAsset(request.actor, request.params.asset_id)),
    );

    app.post(
      '/media-assets/:asset_id/complete',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: AssetParams,
          response: { 202: MediaAssetOut, ...uploadErrorResponses, 503: Detail },
        },
      },
      async (request, reply) =>
        reply.status(202).send(assetOut(await files.completeMediaUpload(actorOf(request), request.params.asset_id))),
    );

    app.delete(
      '/media-assets/:asset_id',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: AssetParams, response: { 204: Type.Null() } },
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
        schema: { tags: ['media'], params: AssetParams, response: { 200: Type.String() } },
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
        schema: { ...secured, body: AvatarPresignBody, response: { 200: AvatarPresignOut, ...uploadErrorResponses } },
      },
      async (request) => files.presignAvatar(actorOf(request), request.body),
    );

    app.post(
      '/users/me/avatar/complete',
      {
        config: { auth: 'user' },
        schema: { ...secured, body: AvatarCompleteBody, response: { 202: MediaAssetOut, ...uploadErrorResponses } },
      },
      async (request, reply) =>
        reply.status(202).send(assetOut(await files.completeMediaUpload(actorOf(request), request.body.asset_id))),
    );

    app.get(
      '/avatars/:asset_id',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['media'],
          params: AssetParams,
          response: { 302: Type.Null(), 404: Detail, 422: ValidationDetail, 429: Detail },
        },
      },
      async (request, reply) => reply.redirect(await files.avatarImageUrl(request.params.asset_id), 302),
    );
  };
}

export function assetOut(asset: MediaAsset) {
  return {
    id: asset.id,
    purpose: asset.purpose,
    lesson_id: asset.lesson_id,
    course_id: asset.course_id,
    provider: asset.provider,
    vimeo_id: asset.vimeo_id,
    file_name: asset.original_name,
    content_type: asset.content_type,
    file_size: asset.size_bytes,
    status: asset.status,
    failure_reason: asset.failure_reason,
    duration: asset.duration_seconds,
    width: asset.width,
    height: asset.height,
    url: asset.url,
    thumbnail_url: asset.thumbnail_url,
    renditions: asset.renditions,
    created_at: asset.created_at,
    updated_at: asset.updated_at,
  };
}
