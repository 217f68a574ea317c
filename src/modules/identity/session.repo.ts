// Every SQL statement about sessions and their refresh tokens.
import './identity.tables.ts';

import pg from 'pg';

import type { Executor } from '../../platform/db/index.ts';
import { prepareQuery } from '../../platform/db/index.ts';
import type { User } from './identity.types.ts';
import { USER_COLUMNS } from './user.repo.ts';

/** What a successful sign-in writes: see `openSignIn`. */
interface SignInWrite {
  userId: string;
  now: Date;
  rememberMe: boolean;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  tokenHash: string;
}

export const sessionRepo = {
  async create(
    db: Executor,
    input: { userId: string; rememberMe: boolean; expiresAt: Date; ip: string | null; userAgent: string | null },
  ): Promise<string> {
    const row = await db
      .insertInto('sessions')
      .values({
        user_id: input.userId,
        remember_me: input.rememberMe,
        expires_at: input.expiresAt,
        ip: input.ip,
        user_agent: input.userAgent,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  /**
   * A successful sign-in in one named statement: the account's failure count and lock reset and
   * its last login moves to `now`, a session opens, and its first refresh token's digest is stored.
   */
  async openSignIn(db: Executor, input: SignInWrite): Promise<string> {
    const { userId, now, rememberMe, expiresAt, ip, userAgent, tokenHash } = input;
    const row = await signInQuery.takeFirst(db, userId, now, rememberMe, expiresAt, ip, userAgent, tokenHash);
    return row!.id;
  },

  /**
   * `openSignIn` as SQL text with its values embedded as escaped literals (no parameters), for a
   * caller that sends it with other statements in one round trip; the caller picks the session id.
   */
  signInStatement(input: SignInWrite & { sessionId: string }): string {
    const literal = (value: string | Date | null) =>
      value === null ? 'null' : pg.escapeLiteral(value instanceof Date ? value.toISOString() : value);
    const { sessionId, userId, now, rememberMe, expiresAt, ip, userAgent, tokenHash } = input;
    return `with signed_in as (
        update users set failed_login_count = 0, locked_until = null, last_login_at = ${literal(now)}
        where id = ${literal(userId)}
      ),
      session as (
        insert into sessions (id, user_id, remember_me, expires_at, ip, user_agent)
        values (${literal(sessionId)}, ${literal(userId)}, ${rememberMe ? 'true' : 'false'}, ${literal(expiresAt)},
          ${literal(ip)}, ${literal(userAgent)})
        returning id
      )
      insert into refresh_tokens (session_id, token_hash, expires_at)
      select id, ${literal(tokenHash)}, ${literal(expiresAt)} from session`;
  },

  async addRefreshToken(db: Executor, sessionId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await db
      .insertInto('refresh_tokens')
      .values({ session_id: sessionId, token_hash: tokenHash, expires_at: expiresAt })
      .execute();
  },

  /**
   * Marks an unused, unexpired refresh token of a live session as used, atomically: of several
   * concurrent calls with one token exactly one gets the row back.
   */
  consumeRefreshToken(db: Executor, tokenHash: string, now: Date) {
    return db
      .updateTable('refresh_tokens')
      .set({ used_at: now })
      .from('sessions')
      .whereRef('sessions.id', '=', 'refresh_tokens.session_id')
      .where('refresh_tokens.token_hash', '=', tokenHash)
      .where('refresh_tokens.used_at', 'is', null)
      .where('refresh_tokens.expires_at', '>', now)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', now)
      .returning(['sessions.id as session_id', 'sessions.user_id', 'sessions.remember_me', 'sessions.expires_at'])
      .executeTakeFirst();
  },

  /** An unused, unexpired refresh token of a live session, without consuming it. */
  findLiveRefreshToken(db: Executor, tokenHash: string, now: Date) {
    return db
      .selectFrom('refresh_tokens')
      .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
      .select(['sessions.id as session_id', 'sessions.user_id'])
      .where('refresh_tokens.token_hash', '=', tokenHash)
      .where('refresh_tokens.used_at', 'is', null)
      .where('refresh_tokens.expires_at', '>', now)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst();
  },

  findRefreshToken(db: Executor, tokenHash: string) {
    return db
      .selectFrom('refresh_tokens')
      .select(['session_id', 'used_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  },

  /** A rotated refresh token renews the session's lifetime. */
  async extend(db: Executor, sessionId: string, expiresAt: Date, now: Date): Promise<void> {
    await db
      .updateTable('sessions')
      .set({ expires_at: expiresAt, last_used_at: now })
      .where('id', '=', sessionId)
      .execute();
  },

  async touch(db: Executor, sessionId: string, now: Date): Promise<void> {
    await db.updateTable('sessions').set({ last_used_at: now }).where('id', '=', sessionId).execute();
  },

  async revoke(db: Executor, sessionId: string, now: Date): Promise<void> {
    await db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
  },

  async revokeAllForUser(db: Executor, userId: string, now: Date, exceptSessionId?: string): Promise<void> {
    let query = db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
    await query.execute();
  },

  /** The live session's user (public columns), or undefined: the one query of a request's auth check. */
  findSessionUser(db: Executor, sessionId: string, userId: string, now: Date): Promise<User | undefined> {
    return sessionUserQuery.takeFirst(db, sessionId, userId, now);
  },
};

// Every authenticated request runs this: built once, a named statement on PostgreSQL.
const sessionUserQuery = prepareQuery('identity_session_user', 3, (db, sessionId: string, userId: string, now: Date) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(USER_COLUMNS.map((column) => `users.${column}` as const))
    .where('sessions.id', '=', sessionId)
    .where('sessions.user_id', '=', userId)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('users.is_active', '=', true),
);

const signInQuery = prepareQuery(
  'identity_sign_in',
  7,
  (
    db,
    userId: string,
    now: Date,
    rememberMe: boolean,
    expiresAt: Date,
    ip: string | null,
    userAgent: string | null,
    tokenHash: string,
  ) =>
    db
      .with('signed_in', (qc) =>
        qc
          .updateTable('users')
          .set({ failed_login_count: 0, locked_until: null, last_login_at: now })
          .where('id', '=', userId),
      )
      .with('session', (qc) =>
        qc
          .insertInto('sessions')
          .values({ user_id: userId, remember_me: rememberMe, expires_at: expiresAt, ip, user_agent: userAgent })
          .returning('id'),
      )
      .with('token', (qc) =>
        qc.insertInto('refresh_tokens').values({
          session_id: (eb) => eb.selectFrom('session').select('session.id'),
          token_hash: tokenHash,
          expires_at: expiresAt,
        }),
      )
      .selectFrom('session')
      .select('session.id'),
);
