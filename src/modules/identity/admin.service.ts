// Admin management of accounts: list, read, change role, block/unblock, delete.
//
// Deletion policy: an account is never removed from the table. Courses (owner_id), enrolments,
// submissions, grades and certificates of other modules reference users, and removing the row
// would either fail or cascade away other people's records (a course's students, a class's
// grades). Deleting therefore anonymises: the account is blocked, every contact detail and
// credential is scrubbed (email, phone, names, password hash, Google id, MFA), sessions and
// open tokens/codes end, and `deleted_at` is set. The row stays as "Deleted user" so every
// reference keeps pointing at something; the email and phone become free for a new account.
// A deleted account disappears from admin listings and answers 404.
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import { selfAdminAction } from './identity.errors.ts';
import type { AccountChange } from './identity.policy.ts';
import { canManageUsers, selfLockout } from './identity.policy.ts';
import type { Actor, Role, User } from './identity.types.ts';
import { identityTokenRepo } from './identity-token.repo.ts';
import type { SessionService } from './session.service.ts';
import { smsCodeRepo } from './sms-code.repo.ts';
import { userRepo } from './user.repo.ts';

export interface AdminDeps {
  database: DatabaseHandle;
  clock: Clock;
  sessions: SessionService;
}

export interface UserListQuery {
  role?: Role | undefined;
  search?: string | undefined;
}

export const DELETED_USER_NAME = 'Deleted user';

export function createAdminUserService({ database, clock, sessions }: AdminDeps) {
  function assertAdmin(actor: Actor): void {
    if (!canManageUsers(actor)) throw forbidden();
  }

  function assertNoSelfLockout(actor: Actor, id: string, change: AccountChange): void {
    const lockout = selfLockout(actor, id, change);
    if (lockout) throw selfAdminAction(lockout);
  }

  async function live(id: string): Promise<User> {
    const user = await userRepo.findLive(database.db, id);
    if (!user) throw notFound('User', id);
    return user;
  }

  return {
    async listUsers(actor: Actor, query: UserListQuery, page: PageRequest): Promise<Paged<User>> {
      assertAdmin(actor);
      return userRepo.search(database.db, { role: query.role, search: query.search }, page);
    },

    async getUser(actor: Actor, id: string): Promise<User> {
      assertAdmin(actor);
      return live(id);
    },

    /** Changes a role; it applies to the user's live sessions at once (roles are read per request). */
    async setRole(actor: Actor, id: string, role: Role): Promise<User> {
      assertAdmin(actor);
      assertNoSelfLockout(actor, id, { role });
      await live(id);
      const updated = await userRepo.update(database.db, id, { role }, clock.now());
      if (!updated) throw notFound('User', id);
      return updated;
    },

    /** Blocks an account: it cannot sign in any more and every session ends now. */
    async block(actor: Actor, id: string): Promise<User> {
      assertAdmin(actor);
      assertNoSelfLockout(actor, id, 'block');
      await live(id);
      return database.transaction(async (tx) => {
        const updated = await userRepo.update(tx, id, { is_active: false }, clock.now());
        await sessions.revokeAll(tx, id);
        if (!updated) throw notFound('User', id);
        return updated;
      });
    },

    async unblock(actor: Actor, id: string): Promise<User> {
      assertAdmin(actor);
      await live(id);
      const updated = await userRepo.update(
        database.db,
        id,
        { is_active: true, failed_login_count: 0, locked_until: null },
        clock.now(),
      );
      if (!updated) throw notFound('User', id);
      return updated;
    },

    /** Anonymises the account (see the policy at the top of this file). */
    async deleteUser(actor: Actor, id: string): Promise<void> {
      assertAdmin(actor);
      assertNoSelfLockout(actor, id, 'delete');
      await live(id);
      const now = clock.now();
      await database.transaction(async (tx) => {
        await userRepo.update(
          tx,
          id,
          {
            deleted_at: now,
            is_active: false,
            email: null,
            phone: null,
            password_hash: null,
            google_id: null,
            first_name: DELETED_USER_NAME,
            last_name: '',
            full_name: DELETED_USER_NAME,
            email_verified_at: null,
            phone_verified_at: null,
            mfa_enabled: false,
            mfa_secret_encrypted: null,
            mfa_recovery_code_hashes: '[]',
            mfa_last_step: null,
            failed_login_count: 0,
            locked_until: null,
          },
          now,
        );
        await sessions.revokeAll(tx, id);
        await identityTokenRepo.deleteAllForUser(tx, id);
        await smsCodeRepo.deleteAllForUser(tx, id);
      });
    },
  };
}

export type AdminUserService = ReturnType<typeof createAdminUserService>;
