// The local storage endpoint, a platform route beside every surface: serves the signed PUT/GET
// links of the local-disk storage adapter (with S3, clients talk to the bucket instead and these
// routes do not exist). The signature is the credential: it binds method, object key, expiry
// and constraints.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { DomainError } from '../platform/errors.ts';
import type { Storage } from '../platform/storage/index.ts';
import { isLocalStorage, LOCAL_OBJECTS_PATH } from '../platform/storage/index.ts';
import { contentDisposition } from '../platform/storage/s3.ts';
import { Problem } from './problem.schemas.ts';

const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' });
const Query = Type.Record(Type.String(), Type.String());
const storageErrors = {
  400: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  410: Problem,
  413: Problem,
  415: Problem,
};

export interface StorageRoutesDeps {
  storage: Storage;
  uploads: {
    /** Whether the object may still receive its bytes (an asset's upload is taken once). */
    acceptsUpload(key: string): Promise<boolean>;
    objectUploaded(key: string): Promise<void>;
  };
}

export function storageRoutes({ storage, uploads }: StorageRoutesDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    if (!isLocalStorage(storage)) return;
    // Uploads arrive as raw bytes of any type, streamed to disk without buffering.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const tags = ['storage'];

    app.put(
      `${LOCAL_OBJECTS_PATH}*`,
      {
        config: { auth: 'public' },
        schema: {
          tags,
          querystring: Query,
          response: { 200: Type.Object({ size: Type.Integer() }), ...storageErrors },
        },
      },
      async (request) => {
        const key = (request.params as Record<string, string>)['*'] ?? '';
        const signed = storage.verify({ method: 'PUT', key, query: request.query });
        const sent = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (signed.contentType && sent !== signed.contentType.toLowerCase()) {
          throw new DomainError(
            'unsupported_media_type',
            'STORAGE_CONTENT_TYPE_MISMATCH',
            `This link accepts ${signed.contentType} only`,
          );
        }
        const declared = Number(request.headers['content-length']);
        if (signed.maxBytes !== undefined && Number.isFinite(declared) && declared > signed.maxBytes) {
          throw new DomainError(
            'payload_too_large',
            'STORAGE_TOO_LARGE',
            `Upload exceeds the limit of ${signed.maxBytes} bytes`,
          );
        }
        // A link stays valid until it expires, but an asset's bytes are taken once: no swapping
        // a checked video for another file afterwards.
        if (!(await uploads.acceptsUpload(key)))
          throw new DomainError('conflict', 'STORAGE_UPLOAD_CLOSED', 'This upload has already been received');
        const body = (request.body as NodeJS.ReadableStream | undefined) ?? request.raw;
        const size = await storage.putLimited(key, body, {
          contentType: signed.contentType ?? 'application/octet-stream',
          maxBytes: signed.maxBytes,
        });
        await uploads.objectUploaded(key);
        return { size };
      },
    );

    app.get(
      `${LOCAL_OBJECTS_PATH}*`,
      { config: { auth: 'public' }, schema: { tags, querystring: Query, response: { 200: Binary, ...storageErrors } } },
      async (request, reply) => {
        const key = (request.params as Record<string, string>)['*'] ?? '';
        const signed = storage.verify({ method: 'GET', key, query: request.query });
        const info = await storage.stat(key);
        if (!info) throw new DomainError('not_found', 'STORAGE_NOT_FOUND', 'Object not found');
        reply.header('content-type', signed.contentType ?? info.contentType ?? 'application/octet-stream');
        reply.header('content-length', String(info.size));
        reply.header('cache-control', 'private, max-age=300');
        if (signed.filename) reply.header('content-disposition', contentDisposition(signed.filename));
        return reply.send(await storage.get(key));
      },
    );
  };
}
