// The tus endpoint for resumable uploads: HEAD (offset), PATCH (bytes) and OPTIONS on
// uploads Lectern created (000's `upload_link`). The unguessable upload id is the credential,
// as with Vimeo's upload links; creation goes through the authenticated API, not POST here.
import { Readable } from 'node:stream';

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Server } from '@tus/server';
import type { DataStore } from '@tus/utils';
import { Type } from 'typebox';

import { Problem } from './problem.schemas.ts';

const Empty = Type.Union([Type.Null(), Type.String()]);
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

    const schema = {
      tags: ['media'],
      params: UploadParams,
      response: {
        200: Empty,
        204: Empty,
        400: Problem,
        404: Problem,
        409: Problem,
        410: Problem,
        413: Problem,
        415: Problem,
        460: Problem,
      },
    };
    app.route({
      method: ['HEAD', 'PATCH', 'OPTIONS'],
      url: `${deps.path}/:upload_id`,
      config: { auth: 'public' },
      schema,
      handler: async (request, reply) => {
        const hasBody = request.method === 'PATCH';
        const webRequest = new Request(`${deps.publicUrl}${request.url}`, {
          method: request.method,
          headers: Object.entries(request.headers).flatMap(([name, value]) =>
            typeof value === 'string' ? [[name, value] as [string, string]] : [],
          ),
          ...(hasBody ? { body: Readable.toWeb(request.raw) as ReadableStream, duplex: 'half' } : {}),
        } as RequestInit);
        const response = await tus.handleWeb(webRequest);
        // tus answers with its own status set (204, 409, 460...), declared above.
        reply.status(response.status as 204);
        response.headers.forEach((value, name) => {
          reply.header(name, value);
        });
        const text = await response.text();
        return reply.send(text === '' ? null : text);
      },
    });
  };
}
