// The local storage endpoint, a platform route beside every surface: serves the signed PUT/GET
// links of the local-disk storage adapter (with S3, clients talk to the bucket instead and these
// routes do not exist). The signature is the credential: it binds method, object key, expiry
// and constraints.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { DomainError } from '../platform/errors.ts';
import { contentDisposition } from '../platform/storage/content-disposition.ts';
import type { Storage } from '../platform/storage/index.ts';
import { isLocalStorage, LOCAL_OBJECTS_PATH } from '../platform/storage/index.ts';
import { Described } from '../surfaces/kit/schemas.ts';
import { Problem } from './problem.schemas.ts';

const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' });
const KeyParams = Type.Object({
  '*': Type.String({ description: 'The object key: the rest of the path, slashes included.' }),
});
const signed = (description: string) => Type.Optional(Type.String({ description }));
/** The signed link's query, as the storage adapter wrote it; verification is the adapter's. */
const Query = Type.Object(
  {
    expires: signed('When the link expires (Unix seconds).'),
    signature: signed('HMAC of the method, key, expiry and constraints.'),
    ct: signed('The only content type the link accepts or serves.'),
    max: signed('The most bytes the link accepts.'),
    fn: signed('The file name a download is saved under.'),
  },
  { additionalProperties: Type.String() },
);
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
          operationId: 'uploadStorageObject',
          summary: 'Upload bytes to a signed link',
          description:
            "The upload URL another endpoint handed out (an avatar or media presign): PUT the raw bytes with the `Content-Type` the link names. 403 for a bad signature, 410 once expired, 413 past the link's size limit, 415 for another content type, 409 when the object already received its bytes.",
          tags,
          params: KeyParams,
          querystring: Query,
          response: {
            200: Described(
              Type.Object({ size: Type.Integer({ description: 'Bytes stored.' }) }),
              'The bytes are stored.',
            ),
            ...storageErrors,
          },
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
      {
        config: { auth: 'public' },
        schema: {
          operationId: 'downloadStorageObject',
          summary: 'Download bytes from a signed link',
          description:
            'The download URL another endpoint handed out (a file download, a media asset, a certificate PDF). 403 for a bad signature, 410 once expired.',
          tags,
          params: KeyParams,
          querystring: Query,
          response: {
            200: {
              description: 'The object, with its content type.',
              content: { 'application/octet-stream': { schema: Binary } },
            },
            ...storageErrors,
          },
        },
      },
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
