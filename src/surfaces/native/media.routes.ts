// Media assets on lessons (presign → PUT → complete → worker), resumable (tus) uploads, the
// HLS playlist, and avatar uploads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
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

export function mediaRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { files } = modules;
    const secured = { tags: ['media'] };

    app.post(
      '/lessons/:lesson_id/media/presign',
      {
        config: { auth: 'user', location: '/media-assets/{media_asset_id}' },
        schema: {
          ...secured,
          params: LessonParams,
          body: PresignBody,
          response: { 201: PresignOut, ...uploadErrorResponses },
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
          ...secured,
          body: ResumableBody,
          response: { 201: ResumableOut, ...uploadErrorResponses, 503: Detail },
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
          tags: ['media'],
          params: LessonParams,
          response: { 200: Type.Array(MediaAssetOut) },
        },
      },
      async (request) => (await files.listLessonMedia(request.actor, request.params.lesson_id)).map(toMediaAssetOut),
    );

    app.get(
      '/media-assets/:asset_id',
      {
        config: { auth: 'optional' },
        schema: { tags: ['media'], params: AssetParams, response: { 200: MediaAssetOut } },
      },
      async (request) => toMediaAssetOut(await files.getMediaAsset(request.actor, request.params.asset_id)),
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
        reply
          .status(202)
          .send(toMediaAssetOut(await files.completeMediaUpload(actorOf(request), request.params.asset_id))),
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
        reply
          .status(202)
          .send(toMediaAssetOut(await files.completeMediaUpload(actorOf(request), request.body.asset_id))),
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
