// Native admin user management (001 has none): /users and /users/{user_id}, admins only.
// Deleting anonymises the account; see src/modules/identity/admin.service.ts for the policy.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent } from '../kit/schemas.ts';
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
    const tags = ['admin'];

    app.get(
      '/users',
      {
        config: admin,
        schema: {
          operationId: 'listUsers',
          summary: 'List user accounts',
          description: 'Newest first. `search` matches email and names; deleted accounts are not listed.',
          tags,
          querystring: UserListQuery,
          response: { 200: Described(Page(UserOut), 'A page of accounts.') },
        },
      },
      async (request) => {
        const { page, page_size, role, search } = request.query;
        const result = await identity.listUsers(actorOf(request), { role, search }, fromPage(page, page_size));
        return pageOf(result.items.map(toUserOut), result.total, page, page_size);
      },
    );

    app.get(
      '/users/:user_id',
      {
        config: admin,
        schema: {
          operationId: 'getUser',
          summary: 'Get a user account',
          tags,
          params: UserIdParams,
          response: { 200: Described(UserOut, 'The account.') },
        },
      },
      async (request) => toUserOut(await identity.getUser(actorOf(request), request.params.user_id)),
    );

    app.patch(
      '/users/:user_id',
      {
        config: admin,
        schema: {
          operationId: 'updateUser',
          summary: "Change a user's role or active flag",
          description:
            'A role change applies to live sessions at once. `is_active: false` blocks the account (every session ends, signing in is refused); `true` unblocks it. Admins cannot demote or block themselves (409).',
          tags,
          params: UserIdParams,
          body: AdminUserPatchBody,
          response: { 200: Described(UserOut, 'The updated account.') },
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
      {
        config: admin,
        schema: {
          operationId: 'blockUser',
          summary: 'Block a user',
          description:
            'The account can no longer sign in and every session ends now. Admins cannot block themselves (409).',
          tags,
          params: UserIdParams,
          response: { 200: Described(UserOut, 'The blocked account.') },
        },
      },
      async (request) => toUserOut(await identity.blockUser(actorOf(request), request.params.user_id)),
    );

    app.post(
      '/users/:user_id/unblock',
      {
        config: admin,
        schema: {
          operationId: 'unblockUser',
          summary: 'Unblock a user',
          tags,
          params: UserIdParams,
          response: { 200: Described(UserOut, 'The account, active again.') },
        },
      },
      async (request) => toUserOut(await identity.unblockUser(actorOf(request), request.params.user_id)),
    );

    app.delete(
      '/users/:user_id',
      {
        config: admin,
        schema: {
          operationId: 'deleteUser',
          summary: 'Delete a user',
          description:
            'Anonymises the account rather than removing it, so courses, grades and certificates that reference it stay whole: it is blocked, its contact details, names and credentials are erased and its sessions end. It then answers 404; its email and phone are free for a new account. Admins cannot delete themselves (409).',
          tags,
          params: UserIdParams,
          response: { 204: Described(NoContent, 'The account is deleted.') },
        },
      },
      async (request, reply) => {
        await identity.deleteUser(actorOf(request), request.params.user_id);
        return reply.status(204).send(null);
      },
    );
  };
}
