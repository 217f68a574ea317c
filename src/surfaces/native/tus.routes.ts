// The tus endpoint for resumable uploads: HEAD (offset), PATCH (bytes) and OPTIONS on
// uploads Lectern created (000's `upload_link`). The unguessable upload id is the credential,
// as with Vimeo's upload links; creation goes through the authenticated API, not POST here.
import { Readable } from 'node:stream';

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Server } from '@tus/server';
import { Type } from 'typebox';

import { TUS_PATH } from '../../modules/files/index.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Detail } from './common.schemas.ts';
import { UploadParams } from './media.schemas.ts';

const Empty = Type.Union([Type.Null(), Type.String()]);

export function tusRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { files } = modules;
    const tus = new Server({
      path: TUS_PATH,
      datastore: files.tusDatastore,
      maxSize: config.media.maxBytes,
      respectForwardedHeaders: config.http.trustProxy,
      onUploadFinish: async (_request, upload) => {
        await files.tusUploadFinished(upload.id);
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
        400: Detail,
        404: Detail,
        409: Detail,
        410: Detail,
        413: Detail,
        415: Detail,
        460: Detail,
      },
    };
    app.route({
      method: ['HEAD', 'PATCH', 'OPTIONS'],
      url: '/uploads/tus/:upload_id',
      config: { auth: 'public' },
      schema,
      handler: async (request, reply) => {
        const hasBody = request.method === 'PATCH';
        const webRequest = new Request(`${config.publicUrl}${request.url}`, {
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
