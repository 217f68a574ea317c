// 000's profile paths: PUT /users/me and PUT /change-password (GET /users/me is the native
// surface's, answering the union of both contracts' fields).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
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
          ...secured,
          body: UpdateProfileBody,
          response: { 200: Type.Object({ message: Type.String(), user: GatewayUser }) },
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
        schema: { ...secured, body: ChangePasswordBody, response: { 200: Message } },
      },
      async (request) => {
        await identity.changePassword(actorOf(request), request.body.current_password, request.body.new_password);
        return { message: 'Password changed successfully' };
      },
    );
  };
}
