// 001's /users/me endpoints.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { toUserOut } from './serializers/user.ts';
import { ChangePasswordBody, UpdateMeBody, UserOut } from './users.schemas.ts';

export function userRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const secured = { tags: ['users'] };

    app.get(
      '/users/me',
      { config: { auth: 'user' }, schema: { ...secured, response: { 200: UserOut } } },
      async (request) => toUserOut(await identity.getMe(actorOf(request))),
    );

    app.patch(
      '/users/me',
      {
        config: { auth: 'user' },
        schema: { ...secured, body: UpdateMeBody, response: { 200: UserOut } },
      },
      async (request) => toUserOut(await identity.updateMe(actorOf(request), request.body)),
    );

    app.post(
      '/users/me/password',
      {
        config: { auth: 'user' },
        schema: { ...secured, body: ChangePasswordBody, response: { 204: { type: 'null' } } },
      },
      async (request, reply) => {
        await identity.changePassword(actorOf(request), request.body.current_password, request.body.new_password);
        return reply.status(204).send(null);
      },
    );
  };
}
