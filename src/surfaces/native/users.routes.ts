// 001's /users/me endpoints.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { toUserOut } from './serializers/user.ts';
import { ChangePasswordBody, UpdateMeBody, UserOut } from './users.schemas.ts';

export function userRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const tags = ['users'];

    app.get(
      '/users/me',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'getMe',
          summary: 'Get my account',
          description: "The signed-in user's account, in 001's fields with 000's beside them (`is_verified`).",
          tags,
          response: { 200: Described(UserOut, 'The signed-in user.') },
        },
      },
      async (request) => toUserOut(await identity.getMe(actorOf(request))),
    );

    app.patch(
      '/users/me',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'updateMe',
          summary: 'Update my name',
          description:
            'Only names change here. Writing `full_name` splits it at the first space into first and last name; writing either of those recomputes `full_name`.',
          tags,
          body: UpdateMeBody,
          response: { 200: Described(UserOut, 'The updated account.') },
        },
      },
      async (request) => toUserOut(await identity.updateMe(actorOf(request), request.body)),
    );

    app.post(
      '/users/me/password',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'changePassword',
          summary: 'Change my password',
          description:
            'Needs the current password (400 when it is wrong). Every other session of the user ends; this one stays signed in.',
          tags,
          body: ChangePasswordBody,
          response: { 204: Described(NoContent, 'The password is changed.') },
        },
      },
      async (request, reply) => {
        await identity.changePassword(actorOf(request), request.body.current_password, request.body.new_password);
        return reply.status(204).send(null);
      },
    );
  };
}
