// 001's /files endpoints: multipart upload, list mine, get, download (redirect to a signed
// link) and delete.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { invalid } from '../../platform/errors.ts';
import { fromPage } from '../kit/paging.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Page, PageQuery } from './common.schemas.ts';
import { FileOut, FileParams, uploadErrorResponses } from './files.schemas.ts';
import { toFileOut } from './serializers/file.ts';
import { pageOf } from './serializers/page.ts';

export function fileRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { files } = modules;
    const secured = { tags: ['files'] };
    // One byte over the limit reaches the module, which refuses the file (413) and stores nothing.
    await app.register(multipart, {
      limits: { fileSize: config.uploads.maxBytes + 1, files: 1, fields: 10, parts: 20 },
      throwFileSizeLimit: false,
    });

    app.post(
      '/files/upload',
      {
        config: { auth: 'user', location: '/files/{id}' },
        schema: { ...secured, consumes: ['multipart/form-data'], response: { 201: FileOut, ...uploadErrorResponses } },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw invalid('Send the file as multipart/form-data in the "file" field', 'file');
        const part = await request.file();
        if (!part || part.fieldname !== 'file') throw invalid('The "file" field is required', 'file');
        const stored = await files.uploadFile(actorOf(request), { filename: part.filename, body: part.file });
        return reply.status(201).send(toFileOut(stored));
      },
    );

    app.get(
      '/files',
      {
        config: { auth: 'user' },
        schema: { ...secured, querystring: PageQuery, response: { 200: Page(FileOut) } },
      },
      async (request) => {
        const { page, page_size } = request.query;
        const result = await files.listMyFiles(actorOf(request), fromPage(page, page_size));
        return pageOf(result.items.map(toFileOut), result.total, page, page_size);
      },
    );

    app.get(
      '/files/:file_id',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: FileParams, response: { 200: FileOut } },
      },
      async (request) => toFileOut(await files.getFile(actorOf(request), request.params.file_id)),
    );

    app.get(
      '/files/:file_id/download',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: FileParams, response: { 302: Type.Null() } },
      },
      async (request, reply) =>
        reply.redirect(await files.fileDownloadUrl(actorOf(request), request.params.file_id), 302),
    );

    app.delete(
      '/files/:file_id',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: FileParams, response: { 204: Type.Null() } },
      },
      async (request, reply) => {
        await files.deleteFile(actorOf(request), request.params.file_id);
        return reply.status(204).send(null);
      },
    );
  };
}
