// Every SQL statement about users.
import './identity.tables.ts';

import type { Updateable } from 'kysely';
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import { prepareQuery } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { UserRow, UsersTable } from './identity.tables.ts';
import type { Role, User, UserSummary, UserSummaryFilter } from './identity.types.ts';

export const USER_COLUMNS = [
  'id',
  'email',
  'phone',
  'role',
  'first_name',
  'last_name',
  'full_name',
  'is_active',
  'email_verified_at',
  'phone_verified_at',
  'mfa_enabled',
  'last_login_at',
  'avatar_url',
  'created_at',
  'updated_at',
] as const;

export type NewUser = Pick<UserRow, 'email' | 'password_hash' | 'first_name' | 'last_name' | 'full_name'> &
  Partial<Pick<UserRow, 'phone' | 'role' | 'google_id' | 'email_verified_at' | 'phone_verified_at'>>;

function summaries(db: Executor) {
  return db
    .selectFrom('users')
    .select(['id', 'full_name', 'first_name', 'last_name', 'email', 'role', 'avatar_url'])
    .select((eb) =>
      eb
        .and([eb('is_active', '=', true), eb('deleted_at', 'is', null)])
        .$castTo<boolean>()
        .as('is_active'),
    );
}

export const userRepo = {
  findById(db: Executor, id: string): Promise<User | undefined> {
    return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  },

  /** The full row, credentials included; never leaves the module. */
  findCredentialsByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
    return db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
  },

  /**
   * The password sign-in's read, one named statement: the account's full row by email (none when
   * unknown), until when the client address is locked (null when it is not, or unknown), and
   * whether the account signed in from this device before.
   */
  async findLoginCredentials(
    db: Executor,
    email: string,
    ip: string | null,
    fingerprint: string,
  ): Promise<{ user: UserRow | undefined; ipLockedUntil: Date | null; deviceKnown: boolean }> {
    const {
      ip_locked_until: ipLockedUntil,
      device_known: deviceKnown,
      ...user
    } = (await loginCredentialsQuery.takeFirst(db, email.toLowerCase(), ip, fingerprint))!;
    return { user: user.id === null ? undefined : (user as UserRow), ipLockedUntil, deviceKnown };
  },

  findCredentialsByPhone(db: Executor, phone: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirst();
  },

  findCredentialsByGoogleId(db: Executor, googleId: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('google_id', '=', googleId).executeTakeFirst();
  },

  findCredentialsById(db: Executor, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  insert(db: Executor, user: NewUser): Promise<User> {
    return db.insertInto('users').values(user).returning(USER_COLUMNS).executeTakeFirstOrThrow();
  },

  update(
    db: Executor,
    id: string,
    changes: Omit<Updateable<UsersTable>, 'id' | 'created_at'>,
    now: Date,
  ): Promise<User | undefined> {
    return db
      .updateTable('users')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .returning(USER_COLUMNS)
      .executeTakeFirst();
  },

  /** Live (not deleted) users, newest first, filtered by role and a search over email and name. */
  async search(
    db: Executor,
    filter: { role?: Role | undefined; search?: string | undefined },
    page: PageRequest,
  ): Promise<Paged<User>> {
    let query = db.selectFrom('users').where('deleted_at', 'is', null);
    if (filter.role) query = query.where('role', '=', filter.role);
    const term = filter.search?.trim();
    if (term) {
      const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([eb('email', 'ilike', pattern), eb('full_name', 'ilike', pattern), eb('phone', 'like', pattern)]),
      );
    }
    const [items, count] = await Promise.all([
      query
        .select(USER_COLUMNS)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.total) };
  },

  /** Display facts of the given users, deleted ones included (they read "Deleted user"). */
  async findSummaries(db: Executor, ids: readonly string[]): Promise<UserSummary[]> {
    if (ids.length === 0) return [];
    return summaries(db)
      .where('id', '=', sql<string>`any(${[...new Set(ids)]}::uuid[])`)
      .execute();
  },

  /** A page of `filter.ids`, by full name. */
  async searchSummaries(db: Executor, filter: UserSummaryFilter, page: PageRequest): Promise<Paged<UserSummary>> {
    if (filter.ids.length === 0) return { items: [], total: 0 };
    let query = summaries(db).where('id', '=', sql<string>`any(${[...new Set(filter.ids)]}::uuid[])`);
    if (filter.roles) query = query.where('role', 'in', [...filter.roles]);
    if (filter.activeOnly) query = query.where('is_active', '=', true).where('deleted_at', 'is', null);
    const term = filter.search?.trim().toLowerCase();
    if (term) query = query.where(sql`lower(full_name)`, 'like', `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const rows = await query
      .select(sql<number>`count(*) over ()`.as('full_count'))
      .orderBy('full_name')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { items: rows.map(({ full_count: _n, ...row }) => row), total: Number(rows[0]?.full_count ?? 0) };
  },

  async setAvatarUrl(db: Executor, id: string, url: string, now: Date): Promise<void> {
    await db.updateTable('users').set({ avatar_url: url, updated_at: now }).where('id', '=', id).execute();
  },

  findLive(db: Executor, id: string): Promise<User | undefined> {
    return db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  },

  /** Records a TOTP time step as used, atomically: false when it (or a later one) already was. */
  async acceptTotpStep(db: Executor, id: string, step: number): Promise<boolean> {
    const row = await db
      .updateTable('users')
      .set({ mfa_last_step: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Removes a recovery code's digest, atomically: false when the code is not (or no longer) there. */
  async spendRecoveryCode(db: Executor, id: string, digest: string): Promise<boolean> {
    const row = await db
      .updateTable('users')
      .set({ mfa_recovery_code_hashes: sql<string>`mfa_recovery_code_hashes - ${digest}::text` })
      .where('id', '=', id)
      .where(sql<boolean>`mfa_recovery_code_hashes ? ${digest}::text`)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },

  /**
   * Counts a failed login; at the threshold the account locks until `lockUntil` and the count
   * restarts. True when this failure locked the account.
   */
  async recordFailedLogin(db: Executor, id: string, threshold: number, lockUntil: Date): Promise<boolean> {
    const row = await db
      .updateTable('users')
      .set((eb) => ({
        failed_login_count: eb
          .case()
          .when('failed_login_count', '>=', threshold - 1)
          .then(0)
          .else(eb('failed_login_count', '+', 1))
          .end(),
        locked_until: eb
          .case()
          .when('failed_login_count', '>=', threshold - 1)
          .then(lockUntil)
          .else(eb.ref('locked_until'))
          .end(),
      }))
      .where('id', '=', id)
      .returning(['failed_login_count', 'locked_until'])
      .executeTakeFirst();
    // Only reaching the threshold resets the count to 0 and sets this very lock time.
    return row?.failed_login_count === 0 && row.locked_until?.getTime() === lockUntil.getTime();
  },
};

type Nullable<T> = { [K in keyof T]: T[K] | null };

// Every password sign-in runs this: always one row (the user's columns null for an unknown email).
const loginCredentialsQuery = prepareQuery(
  'identity_login_credentials',
  3,
  (db, email: string, ip: string | null, fingerprint: string) => ({
    compile: () =>
      sql<Nullable<UserRow> & { ip_locked_until: Date | null; device_known: boolean }>`
      select u.*, (select f.locked_until from auth_ip_failures f where f.ip = ${ip}) as ip_locked_until,
        exists (select 1 from identity_login_devices d where d.user_id = u.id and d.fingerprint = ${fingerprint}) as device_known
      from (select 1) as one left join users u on lower(u.email) = ${email}`.compile(db),
  }),
);
