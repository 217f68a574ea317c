// 003's content service, materials and their media: /api/sections/{sectionId}/materials,
// /api/materials/{id}, the presigned upload and /api/media-assets/{id}. A client PUTs the file
// to the upload URL and is done: Lectern notices the upload itself (the local storage endpoint
// reports it; on S3 the media worker looks for it) and processes it until the asset is ready.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  CreateMaterialBody,
  IdParams,
  MaterialListOut,
  MaterialOut,
  MediaAssetOut,
  PresignBody,
  PresignOut,
  SectionParams,
  UpdateMaterialBody,
} from './content.schemas.ts';
import { uploadRateLimit } from './limits.ts';
import { toMaterialInput, toMaterialOut } from './serializers/material.ts';
import { toMediaAssetOut, toPresignOut } from './serializers/media-asset.ts';

export function materialRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog, files } = modules;
    const user = { auth: 'user' as const };
    const tags = ['content'];

    app.get(
      '/api/sections/:sectionId/materials',
      {
        config: user,
        schema: {
          operationId: 'servicesListMaterials',
          summary: 'List a section’s materials with their media',
          description: 'Drafts only for the course’s staff; media links once ready, for those who may read them.',
          tags,
          params: SectionParams,
          response: { 200: Described(MaterialListOut, 'The materials in order') },
        },
      },
      async (request) => ({
        materials: (await catalog.listSectionMaterials(actorOf(request), request.params.sectionId)).map(toMaterialOut),
      }),
    );

    app.post(
      '/api/sections/:sectionId/materials',
      {
        config: { ...user, location: (body) => `/api/materials/${String(body['id'])}` },
        schema: {
          operationId: 'servicesCreateMaterial',
          summary: 'Add a material to a section',
          tags,
          params: SectionParams,
          body: CreateMaterialBody,
          response: { 201: Described(MaterialOut, 'The new material') },
        },
      },
      async (request, reply) => {
        const input = { ...toMaterialInput(request.body), title: request.body.title };
        const material = await catalog.createMaterial(actorOf(request), request.params.sectionId, input);
        return reply.status(201).send(toMaterialOut(material));
      },
    );

    app.get(
      '/api/materials/:id',
      {
        config: user,
        schema: {
          operationId: 'servicesGetMaterial',
          summary: 'Get a material with its media assets',
          description: 'The course’s staff, enrolled students, or anyone for a free preview.',
          tags,
          params: IdParams,
          response: { 200: Described(MaterialOut, 'The material') },
        },
      },
      async (request) => toMaterialOut(await catalog.getMaterial(actorOf(request), request.params.id)),
    );

    app.put(
      '/api/materials/:id',
      {
        config: user,
        schema: {
          operationId: 'servicesUpdateMaterial',
          summary: 'Update a material',
          description: 'Only the fields sent change.',
          tags,
          params: IdParams,
          body: UpdateMaterialBody,
          response: { 200: Described(MaterialOut, 'The updated material') },
        },
      },
      async (request) =>
        toMaterialOut(await catalog.updateMaterial(actorOf(request), request.params.id, toMaterialInput(request.body))),
    );

    app.delete(
      '/api/materials/:id',
      {
        config: user,
        schema: {
          operationId: 'servicesDeleteMaterial',
          summary: 'Delete a material and its media assets',
          tags,
          params: IdParams,
          response: { 204: Described(NoContent, 'Material deleted') },
        },
      },
      async (request, reply) => {
        await catalog.deleteLesson(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/materials/:id/upload/presign',
      {
        config: { ...user, rateLimit: uploadRateLimit(config) },
        schema: {
          operationId: 'servicesPresignMaterialUpload',
          summary: 'Get a presigned URL to upload a material’s media',
          description:
            'PUT the file to `upload_url` with its Content-Type, no token needed. The upload is noticed without a further call; the asset then goes `uploading` → `processing` → `ready` (or `failed`, with a reason). The course’s staff only; 10 links per user and hour.',
          tags,
          params: IdParams,
          body: PresignBody,
          response: { 200: Described(PresignOut, 'Where and how to upload') },
        },
      },
      async (request) =>
        toPresignOut(await files.presignLessonMedia(actorOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/media-assets/:id',
      {
        config: user,
        schema: {
          operationId: 'servicesGetMediaAsset',
          summary: 'Get a media asset',
          description: 'Its uploader and the course’s staff always; readers of the material once it is ready.',
          tags,
          params: IdParams,
          response: { 200: Described(MediaAssetOut, 'The media asset') },
        },
      },
      async (request) => toMediaAssetOut(await files.getMediaAsset(actorOf(request), request.params.id)),
    );
  };
}
