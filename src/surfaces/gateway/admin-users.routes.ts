// 000's /admin/users paths, admins only; `teacher` is the core's instructor. Deleting
// anonymises the account (policy in src/modules/identity/admin.service.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { fromGatewayRole, toGatewayUser, toGatewayUserList } from './serializers/user.ts';
import { AdminUserList, AdminUserQuery, GatewayUser, Message, RoleBody, UserIdParams } from './users.schemas.ts';

export function gatewayAdminUserRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const admin = { auth: ['admin'] as const };
    const secured = { tags: ['gateway admin'] };

    app.get(
      '/admin/users',
      {
        config: admin,
        schema: { ...secured, querystring: AdminUserQuery, response: { 200: AdminUserList } },
      },
      async (request) => {
        const { page, limit, role, search } = request.query;
        const result = await identity.listUsers(actorOf(request), {
          page,
          pageSize: limit,
          role: role ? fromGatewayRole(role) : undefined,
          search,
        });
        return toGatewayUserList(result, page, limit);
      },
    );

    app.get(
      '/admin/users/:user_id',
      { config: admin, schema: { ...secured, params: UserIdParams, response: { 200: GatewayUser } } },
      async (request) => toGatewayUser(await identity.getUser(actorOf(request), request.params.user_id)),
    );

    app.put(
      '/admin/users/:user_id/role',
      {
        config: admin,
        schema: {
          ...secured,
          params: UserIdParams,
          body: RoleBody,
          response: { 200: Type.Object({ message: Type.String(), user: GatewayUser }) },
        },
      },
      async (request) => {
        const user = await identity.setUserRole(
          actorOf(request),
          request.params.user_id,
          fromGatewayRole(request.body.role),
        );
        return { message: 'User role updated successfully', user: toGatewayUser(user) };
      },
    );

    app.delete(
      '/admin/users/:user_id',
      { config: admin, schema: { ...secured, params: UserIdParams, response: { 200: Message } } },
      async (request) => {
        await identity.deleteUser(actorOf(request), request.params.user_id);
        return { message: 'User deleted successfully' };
      },
    );

    app.post(
      '/admin/users/:user_id/block',
      { config: admin, schema: { ...secured, params: UserIdParams, response: { 200: Message } } },
      async (request) => {
        await identity.blockUser(actorOf(request), request.params.user_id);
        return { message: 'User blocked successfully' };
      },
    );

    app.post(
      '/admin/users/:user_id/unblock',
      { config: admin, schema: { ...secured, params: UserIdParams, response: { 200: Message } } },
      async (request) => {
        await identity.unblockUser(actorOf(request), request.params.user_id);
        return { message: 'User unblocked successfully' };
      },
    );
  };
}
