// 001's /files endpoints: multipart upload, list mine, get, download (redirect to a signed
// link) and delete.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { invalid } from '../../platform/errors.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent, Redirect } from '../kit/schemas.ts';
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
        schema: {
          operationId: 'uploadFile',
          summary: 'Upload a file',
          description:
            'Send `multipart/form-data` with the file in the field `file`. The type comes from the bytes, not the name or the declared type: PDF, images, office documents, zip, audio and video are accepted (415 otherwise); files over the size limit (50 MiB by default) answer 413 and nothing is kept. Files are private to the uploader (and admins).',
          ...secured,
          consumes: ['multipart/form-data'],
          response: { 201: Described(FileOut, 'The file is stored.'), ...uploadErrorResponses },
        },
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
        schema: {
          operationId: 'listFiles',
          summary: 'List my files',
          ...secured,
          querystring: PageQuery,
          response: { 200: Described(Page(FileOut), "A page of the caller's files.") },
        },
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
        schema: {
          operationId: 'getFile',
          summary: "Get a file's details",
          description: 'Its owner and admins; 404 for anyone else.',
          ...secured,
          params: FileParams,
          response: { 200: Described(FileOut, 'The file.') },
        },
      },
      async (request) => toFileOut(await files.getFile(actorOf(request), request.params.file_id)),
    );

    app.get(
      '/files/:file_id/download',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'downloadFile',
          summary: 'Download a file',
          description: 'Redirects to a short-lived signed link of the file. Its owner and admins; 404 for anyone else.',
          ...secured,
          params: FileParams,
          response: { 302: Redirect('To the file.') },
        },
      },
      async (request, reply) =>
        reply.redirect(await files.fileDownloadUrl(actorOf(request), request.params.file_id), 302),
    );

    app.delete(
      '/files/:file_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'deleteFile',
          summary: 'Delete a file',
          description: 'Its owner and admins; 404 for anyone else.',
          ...secured,
          params: FileParams,
          response: { 204: Described(NoContent, 'The file is deleted.') },
        },
      },
      async (request, reply) => {
        await files.deleteFile(actorOf(request), request.params.file_id);
        return reply.status(204).send(null);
      },
    );
  };
}
