// The tus endpoint for resumable uploads: HEAD (offset), PATCH (bytes) and OPTIONS on
// uploads Lectern created (000's `upload_link`). The unguessable upload id is the credential,
// as with Vimeo's upload links; creation goes through the authenticated API, not POST here.
import { Readable } from 'node:stream';

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Server } from '@tus/server';
import type { DataStore } from '@tus/utils';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';

import { Problem } from './problem.schemas.ts';

/** An answer without a body whose headers carry the facts (tus speaks in headers). */
const Empty = (description: string, headers: Record<string, string>) =>
  Type.Null({
    description,
    headers: Object.fromEntries(
      Object.entries(headers).map(([name, about]) => [name, { type: 'string', description: about }]),
    ),
  });
const UploadParams = Type.Object({ upload_id: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) });

export interface TusRoutesDeps {
  /** Where uploads live, e.g. `/api/v1/uploads/tus` (the upload id follows). */
  path: string;
  datastore: DataStore;
  maxBytes: number;
  /** The public base URL tus builds `Location` answers from. */
  publicUrl: string;
  trustProxy: boolean;
  uploadFinished(uploadId: string): Promise<void>;
}

export function tusRoutes(deps: TusRoutesDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tus = new Server({
      path: deps.path,
      datastore: deps.datastore,
      maxSize: deps.maxBytes,
      respectForwardedHeaders: deps.trustProxy,
      onUploadFinish: async (_request, upload) => {
        await deps.uploadFinished(upload.id);
        return {};
      },
    });
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    const params = UploadParams;
    const errors = {
      400: Problem,
      404: Problem,
      409: Problem,
      410: Problem,
      413: Problem,
      415: Problem,
      460: Problem,
    };
    const tags = ['uploads'];
    const config = { auth: 'public' as const };
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const hasBody = request.method === 'PATCH';
      const webRequest = new Request(`${deps.publicUrl}${request.url}`, {
        method: request.method,
        headers: Object.entries(request.headers).flatMap(([name, value]) =>
          typeof value === 'string' ? [[name, value] as [string, string]] : [],
        ),
        ...(hasBody ? { body: Readable.toWeb(request.raw) as ReadableStream, duplex: 'half' } : {}),
      } as RequestInit);
      const response = await tus.handleWeb(webRequest);
      // tus answers with its own status set (204, 409, 460...), declared on each route.
      reply.status(response.status);
      response.headers.forEach((value, name) => {
        reply.header(name, value);
      });
      const text = await response.text();
      return reply.send(text === '' ? null : text);
    };
    const url = `${deps.path}/:upload_id`;

    app.route({
      // As a list: @fastify/swagger leaves out a plain 'HEAD' route (it takes it for the HEAD
      // Fastify adds beside each GET), and this one is part of the tus protocol.
      method: ['HEAD'],
      url,
      config,
      schema: {
        operationId: 'getTusUploadOffset',
        summary: 'Ask how much of an upload has arrived',
        description: 'tus 1.0: send `Tus-Resumable: 1.0.0`; resume the upload from `Upload-Offset`.',
        tags,
        params,
        response: {
          200: Empty('The upload is known.', {
            'Upload-Offset': 'Bytes received so far.',
            'Upload-Length': 'The whole size of the upload.',
            'Tus-Resumable': 'The tus version: 1.0.0.',
          }),
          ...errors,
        },
      },
      handler,
    });

    app.route({
      method: 'PATCH',
      url,
      config,
      schema: {
        operationId: 'uploadTusChunk',
        summary: 'Send the next bytes of an upload',
        description:
          'tus 1.0: send `Tus-Resumable: 1.0.0`, `Upload-Offset` (the offset `HEAD` reported) and `Content-Type: application/offset+octet-stream` with the bytes as the body. 409 when the offset does not match. With the last byte, the media asset moves on to processing.',
        tags,
        params,
        response: {
          204: Empty('The bytes are stored.', {
            'Upload-Offset': 'Bytes received so far, this request included.',
            'Tus-Resumable': 'The tus version: 1.0.0.',
          }),
          ...errors,
        },
      },
      handler,
    });

    app.route({
      method: 'OPTIONS',
      url,
      config,
      schema: {
        operationId: 'getTusCapabilities',
        summary: 'Ask what the tus endpoint supports',
        tags,
        params,
        response: {
          204: Empty('What the server supports.', {
            'Tus-Resumable': 'The tus version in use: 1.0.0.',
            'Tus-Version': 'The tus versions supported.',
            'Tus-Extension': 'The tus extensions supported.',
            'Tus-Max-Size': 'The largest upload accepted, in bytes.',
          }),
          ...errors,
        },
      },
      handler,
    });
  };
}
