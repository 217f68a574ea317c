// The signed-in user's own account: read, rename, change password.
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Executor } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import { wrongCurrentPassword } from './identity.errors.ts';
import type { Actor, NameInput, User } from './identity.types.ts';
import { resolveNames } from './names.ts';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './password.ts';
import type { SessionService } from './session.service.ts';
import { userReadWithSession } from './session-user.ts';
import { userRepo } from './user.repo.ts';

export interface UserDeps {
  database: DatabaseHandle;
  clock: Clock;
  sessions: SessionService;
}

export function createUserService({ database, clock, sessions }: UserDeps) {
  async function getMe(actor: Actor): Promise<User> {
    const user = userReadWithSession.get(actor) ?? (await userRepo.findById(database.db, actor.id));
    if (!user) throw notFound('User', actor.id);
    return user;
  }

  return {
    getMe,

    /** A user by id, for a surface that has just signed someone in and shows the account. */
    async findUser(id: string): Promise<User> {
      const user = await userRepo.findLive(database.db, id);
      if (!user) throw notFound('User', id);
      return user;
    },

    /** Only name fields can change here; role and flags are never taken from this input. */
    async updateMe(actor: Actor, input: NameInput): Promise<User> {
      const current = await getMe(actor);
      const names = resolveNames(current, input);
      if (!names) return current;
      const updated = await userRepo.update(database.db, actor.id, names, clock.now());
      if (!updated) throw notFound('User', actor.id);
      return updated;
    },

    /** Renames a live user inside the caller's transaction (the profiles module's profile writes). */
    async renameUser(executor: Executor, userId: string, input: NameInput): Promise<User> {
      const current = await userRepo.findLive(executor, userId);
      if (!current) throw notFound('User', userId);
      const names = resolveNames(current, input);
      if (!names) return current;
      const updated = await userRepo.update(executor, userId, names, clock.now());
      if (!updated) throw notFound('User', userId);
      return updated;
    },

    /** Changes the password and ends every other session of the user. */
    async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
      const user = await userRepo.findCredentialsById(database.db, actor.id);
      if (!user) throw notFound('User', actor.id);
      if (!(await verifyPassword(user.password_hash, currentPassword))) throw wrongCurrentPassword();
      assertPasswordPolicy(newPassword, 'new_password');
      const passwordHash = await hashPassword(newPassword);
      await database.transaction(async (tx) => {
        await userRepo.update(tx, actor.id, { password_hash: passwordHash }, clock.now());
        await sessions.revokeAll(tx, actor.id, actor.sessionId);
      });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
