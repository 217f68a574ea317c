// 000's /admin/users paths, admins only; `teacher` is the core's instructor. Deleting
// anonymises the account (policy in src/modules/identity/admin.service.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described } from '../kit/schemas.ts';
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
        schema: {
          operationId: 'gatewayListUsers',
          summary: 'List user accounts',
          description: 'Newest first. `search` matches email and names; deleted accounts are not listed.',
          ...secured,
          querystring: AdminUserQuery,
          response: { 200: Described(AdminUserList, 'A page of accounts.') },
        },
      },
      async (request) => {
        const { page, limit, role, search } = request.query;
        const result = await identity.listUsers(
          actorOf(request),
          { role: role ? fromGatewayRole(role) : undefined, search },
          fromPage(page, limit),
        );
        return toGatewayUserList(result, page, limit);
      },
    );

    app.get(
      '/admin/users/:user_id',
      {
        config: admin,
        schema: {
          operationId: 'gatewayGetUser',
          summary: 'Get a user account',
          ...secured,
          params: UserIdParams,
          response: { 200: Described(GatewayUser, 'The account.') },
        },
      },
      async (request) => toGatewayUser(await identity.getUser(actorOf(request), request.params.user_id)),
    );

    app.put(
      '/admin/users/:user_id/role',
      {
        config: admin,
        schema: {
          operationId: 'gatewaySetUserRole',
          summary: "Change a user's role",
          description:
            '`teacher` is an instructor. The change applies to live sessions at once; admins cannot demote themselves (409).',
          ...secured,
          params: UserIdParams,
          body: RoleBody,
          response: {
            200: Described(
              Type.Object({ message: Type.String(), user: GatewayUser }),
              'The account with its new role.',
            ),
          },
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
      {
        config: admin,
        schema: {
          operationId: 'gatewayDeleteUser',
          summary: 'Delete a user',
          description:
            'Anonymises the account rather than removing it, so courses, grades and certificates that reference it stay whole: it is blocked, its contact details, names and credentials are erased and its sessions end. It then answers 404; its email and phone are free for a new account. Admins cannot delete themselves (409).',
          ...secured,
          params: UserIdParams,
          response: { 200: Described(Message, 'The account is deleted.') },
        },
      },
      async (request) => {
        await identity.deleteUser(actorOf(request), request.params.user_id);
        return { message: 'User deleted successfully' };
      },
    );

    app.post(
      '/admin/users/:user_id/block',
      {
        config: admin,
        schema: {
          operationId: 'gatewayBlockUser',
          summary: 'Block a user',
          description:
            'The account can no longer sign in and every session ends now. Admins cannot block themselves (409).',
          ...secured,
          params: UserIdParams,
          response: { 200: Described(Message, 'The account is blocked.') },
        },
      },
      async (request) => {
        await identity.blockUser(actorOf(request), request.params.user_id);
        return { message: 'User blocked successfully' };
      },
    );

    app.post(
      '/admin/users/:user_id/unblock',
      {
        config: admin,
        schema: {
          operationId: 'gatewayUnblockUser',
          summary: 'Unblock a user',
          ...secured,
          params: UserIdParams,
          response: { 200: Described(Message, 'The account is active again.') },
        },
      },
      async (request) => {
        await identity.unblockUser(actorOf(request), request.params.user_id);
        return { message: 'User unblocked successfully' };
      },
    );
  };
}
