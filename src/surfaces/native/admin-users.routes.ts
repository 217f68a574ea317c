// Native admin user management (001 has none): /users and /users/{user_id}, admins only.
// Deleting anonymises the account; see src/modules/identity/admin.service.ts for the policy.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { AdminUserPatchBody, UserIdParams, UserListQuery } from './admin-users.schemas.ts';
import { Page } from './common.schemas.ts';
import { pageOf } from './serializers/page.ts';
import { toUserOut } from './serializers/user.ts';
import { UserOut } from './users.schemas.ts';

export function adminUserRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const admin = { auth: ['admin'] as const };
    const secured = { tags: ['admin'] };

    app.get(
      '/users',
      {
        config: admin,
        schema: { ...secured, querystring: UserListQuery, response: { 200: Page(UserOut) } },
      },
      async (request) => {
        const { page, page_size, role, search } = request.query;
        const result = await identity.listUsers(actorOf(request), { page, pageSize: page_size, role, search });
        return pageOf(result.items.map(toUserOut), result.total, page, page_size);
      },
    );

    app.get(
      '/users/:user_id',
      { config: admin, schema: { ...secured, params: UserIdParams, response: { 200: UserOut } } },
      async (request) => toUserOut(await identity.getUser(actorOf(request), request.params.user_id)),
    );

    app.patch(
      '/users/:user_id',
      {
        config: admin,
        schema: {
          ...secured,
          params: UserIdParams,
          body: AdminUserPatchBody,
          response: { 200: UserOut },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const id = request.params.user_id;
        const { role, is_active } = request.body;
        let user = role !== undefined ? await identity.setUserRole(actor, id, role) : await identity.getUser(actor, id);
        if (is_active === false) user = await identity.blockUser(actor, id);
        if (is_active === true) user = await identity.unblockUser(actor, id);
        return toUserOut(user);
      },
    );

    app.post(
      '/users/:user_id/block',
      { config: admin, schema: { ...secured, params: UserIdParams, response: { 200: UserOut } } },
      async (request) => toUserOut(await identity.blockUser(actorOf(request), request.params.user_id)),
    );

    app.post(
      '/users/:user_id/unblock',
      { config: admin, schema: { ...secured, params: UserIdParams, response: { 200: UserOut } } },
      async (request) => toUserOut(await identity.unblockUser(actorOf(request), request.params.user_id)),
    );

    app.delete(
      '/users/:user_id',
      {
        config: admin,
        schema: { ...secured, params: UserIdParams, response: { 204: { type: 'null' } } },
      },
      async (request, reply) => {
        await identity.deleteUser(actorOf(request), request.params.user_id);
        return reply.status(204).send(null);
      },
    );
  };
}
