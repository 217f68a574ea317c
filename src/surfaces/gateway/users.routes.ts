// 000's profile paths: PUT /users/me and PUT /change-password (GET /users/me is the native
// surface's, answering the union of both contracts' fields).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { toGatewayUser } from './serializers/user.ts';
import { ChangePasswordBody, GatewayUser, Message, UpdateProfileBody } from './users.schemas.ts';

export function gatewayUserRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const secured = { tags: ['gateway users'] };

    app.put(
      '/users/me',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewayUpdateMe',
          summary: 'Update my name',
          description: 'Only `first_name` and `last_name` change here; `GET /users/me` (native API) reads the account.',
          ...secured,
          body: UpdateProfileBody,
          response: {
            200: Described(Type.Object({ message: Type.String(), user: GatewayUser }), 'The updated account.'),
          },
        },
      },
      async (request) => {
        const user = await identity.updateMe(actorOf(request), request.body);
        return { message: 'Profile updated successfully', user: toGatewayUser(user) };
      },
    );

    app.put(
      '/change-password',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewayChangePassword',
          summary: 'Change my password',
          description: 'Needs the current password. Every other session of the user ends; this one stays signed in.',
          ...secured,
          body: ChangePasswordBody,
          response: { 200: Described(Message, 'The password is changed.') },
        },
      },
      async (request) => {
        await identity.changePassword(actorOf(request), request.body.current_password, request.body.new_password);
        return { message: 'Password changed successfully' };
      },
    );
  };
}
