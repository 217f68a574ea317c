// What an operator does from the command line, without a frontend and without a session: the
// bootstrap admin of ADMIN_EMAIL, creating accounts, changing roles, resetting passwords,
// listing users. The CLI runs on the server with the database's credentials, so these calls
// are trusted (no actor); every one of them is logged by the caller.
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { Role, User } from './identity.types.ts';
import { resolveNames } from './names.ts';
import { assertPasswordPolicy, hashPassword } from './password.ts';
import type { SessionService } from './session.service.ts';
import { userRepo } from './user.repo.ts';

export interface OperatorDeps {
  database: DatabaseHandle;
  clock: Clock;
  sessions: SessionService;
}

export interface ProvisionInput {
  email: string;
  password: string;
  role: Role;
  fullName?: string | undefined;
}

/** What happened to an account: made now, role raised to admin, or already as asked. */
export type ProvisionOutcome = 'created' | 'promoted' | 'unchanged';

export function createOperatorService({ database, clock, sessions }: OperatorDeps) {
  const { db } = database;

  async function existing(email: string) {
    const row = await userRepo.findCredentialsByEmail(db, email.trim());
    if (!row || row.deleted_at) throw notFound('User', email);
    return row;
  }

  /**
   * Creates a verified account with the given role; an account that exists keeps its password and
   * its role (the seed runs again without changing anything).
   */
  async function provision(input: ProvisionInput): Promise<{ user: User; outcome: ProvisionOutcome }> {
    const email = input.email.trim().toLowerCase();
    const found = await userRepo.findCredentialsByEmail(db, email);
    if (found) return { user: (await userRepo.findById(db, found.id))!, outcome: 'unchanged' };
    assertPasswordPolicy(input.password);
    const passwordHash = await hashPassword(input.password);
    const names = resolveNames({ first_name: '', last_name: '' }, { full_name: input.fullName ?? '' });
    try {
      const user = await userRepo.insert(db, {
        email,
        password_hash: passwordHash,
        role: input.role,
        ...(names ?? { first_name: '', last_name: '', full_name: '' }),
        email_verified_at: clock.now(),
      });
      return { user, outcome: 'created' };
    } catch (error) {
      // Another process (a second API instance starting) created it first.
      if (!isUniqueViolation(error)) throw error;
      return { user: (await userRepo.findById(db, (await existing(email)).id))!, outcome: 'unchanged' };
    }
  }

  return {
    provision,

    /** ADMIN_EMAIL: created when missing; an existing account is promoted to admin (password kept). */
    async ensureAdmin(email: string, password: string): Promise<ProvisionOutcome> {
      const { user, outcome } = await provision({ email, password, role: 'admin', fullName: 'Admin' });
      if (outcome === 'created' || user.role === 'admin') return outcome;
      await userRepo.update(db, user.id, { role: 'admin' }, clock.now());
      return 'promoted';
    },

    /** Changes a role; live sessions see it on their next request (roles are read per request). */
    async setRole(email: string, role: Role): Promise<{ user: User; previous: Role }> {
      const row = await existing(email);
      const user = await userRepo.update(db, row.id, { role }, clock.now());
      return { user: user!, previous: row.role };
    },

    /** Sets a new password, clears a lockout and ends every session of the account. */
    async resetPassword(email: string, password: string): Promise<User> {
      const row = await existing(email);
      assertPasswordPolicy(password);
      const passwordHash = await hashPassword(password);
      return database.transaction(async (tx) => {
        const user = await userRepo.update(
          tx,
          row.id,
          { password_hash: passwordHash, failed_login_count: 0, locked_until: null },
          clock.now(),
        );
        await sessions.revokeAll(tx, row.id);
        return user!;
      });
    },

    listUsers(
      filter: { role?: Role | undefined; search?: string | undefined },
      page: PageRequest,
    ): Promise<Paged<User>> {
      return userRepo.search(db, filter, page);
    },
  };
}

export type OperatorService = ReturnType<typeof createOperatorService>;
