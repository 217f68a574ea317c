// Sessions: one refresh-token family per sign-in. Refresh tokens rotate on every use; a token
// used again after the grace window revokes its whole family (it was stolen or replayed).
import { randomUUID } from 'node:crypto';

import type { Clock } from '../../platform/clock.ts';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import type { DatabaseHandle, Executor, Tx } from '../../platform/db/index.ts';
import { unauthenticated } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { deviceOf } from './client-device.ts';
import { invalidRefreshToken } from './identity.errors.ts';
import type { SignInMethod } from './identity.events.ts';
import type { Actor, ClientInfo, Role, TokenPair } from './identity.types.ts';
import { loginDeviceRepo } from './login-device.repo.ts';
import { sessionRepo } from './session.repo.ts';
import { userReadWithSession } from './session-user.ts';
import type { TokenSigner } from './tokens.ts';

export interface SessionSettings {
  ttlDays: number;
  rememberMeTtlDays: number;
  reuseGraceSeconds: number;
}

export interface SessionDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: Pick<EventBus, 'publish' | 'writeAndPublish'>;
  signer: TokenSigner;
  settings: SessionSettings;
}

const DAY_MS = 86_400_000;

interface SignInOptions {
  method: SignInMethod;
  rememberMe?: boolean | undefined;
  client?: ClientInfo | undefined;
}

/** What a token says about its user. */
interface TokenUser {
  id: string;
  role: Role;
  email: string | null;
}

export function createSessionService({ database, clock, events, signer, settings }: SessionDeps) {
  const lifetimeMs = (rememberMe: boolean) => (rememberMe ? settings.rememberMeTtlDays : settings.ttlDays) * DAY_MS;

  /** The actor of a live session of an active user; remembers the user row read with it. */
  async function findLiveActor(db: Executor, sessionId: string, userId: string, now: Date): Promise<Actor | undefined> {
    const user = await sessionRepo.findSessionUser(db, sessionId, userId, now);
    if (!user) return undefined;
    const actor: Actor = { id: user.id, role: user.role, sessionId };
    userReadWithSession.set(actor, user);
    return actor;
  }

  /** The token's user facts for an actor whose user row was read with its session. */
  const tokenUser = (actor: Actor): TokenUser => ({
    id: actor.id,
    role: actor.role,
    email: userReadWithSession.get(actor)?.email ?? null,
  });

  async function issueTokens(db: Executor, sessionId: string, user: TokenUser, expiresAt: Date): Promise<TokenPair> {
    const refreshToken = randomToken();
    await sessionRepo.addRefreshToken(db, sessionId, sha256Hex(refreshToken), expiresAt);
    return tokenPair(sessionId, user, refreshToken, expiresAt);
  }

  /** The pair handed to the client, for a refresh token already stored. */
  async function tokenPair(
    sessionId: string,
    user: TokenUser,
    refreshToken: string,
    expiresAt: Date,
  ): Promise<TokenPair> {
    const accessToken = await signer.sign({ userId: user.id, sessionId, role: user.role, email: user.email });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: signer.accessTtlSeconds,
      refresh_expires_in: Math.round((expiresAt.getTime() - clock.now().getTime()) / 1000),
      user_id: user.id,
    };
  }

  /** Opens a session inside the caller's transaction and returns its first token pair. */
  async function open(
    tx: Tx,
    user: TokenUser,
    options: { rememberMe?: boolean | undefined; client?: ClientInfo | undefined },
  ): Promise<TokenPair> {
    const rememberMe = options.rememberMe ?? false;
    const expiresAt = new Date(clock.now().getTime() + lifetimeMs(rememberMe));
    const sessionId = await sessionRepo.create(tx, {
      userId: user.id,
      rememberMe,
      expiresAt,
      ip: options.client?.ip ?? null,
      userAgent: options.client?.userAgent?.slice(0, 500) ?? null,
    });
    return issueTokens(tx, sessionId, user, expiresAt);
  }

  /** What a sign-in writes and publishes. */
  function signInFacts(user: TokenUser, options: SignInOptions) {
    const now = clock.now();
    const rememberMe = options.rememberMe ?? false;
    const device = deviceOf(options.client);
    const { ip, userAgent } = device;
    const refreshToken = randomToken();
    const session = {
      userId: user.id,
      now,
      rememberMe,
      expiresAt: new Date(now.getTime() + lifetimeMs(rememberMe)),
      ip,
      userAgent,
      tokenHash: sha256Hex(refreshToken),
    };
    const event = { user_id: user.id, method: options.method, ip, user_agent: userAgent };
    return { session, refreshToken, event, device };
  }

  /**
   * A successful sign-in, inside the caller's transaction: the failure count resets, the last
   * login time moves, a session opens, the device is remembered, and identity.login.succeeded is
   * published (with identity.login.new_device for a new device of an account that had one before).
   */
  async function signIn(tx: Tx, user: TokenUser, options: SignInOptions): Promise<TokenPair> {
    const { session, refreshToken, event, device } = signInFacts(user, options);
    // Failure count reset, last login, session and refresh token: one statement.
    const sessionId = await sessionRepo.openSignIn(tx, session);
    const { isNew, seenBefore } = await loginDeviceRepo.remember(tx, user.id, device.fingerprint, session.now);
    const pair = await tokenPair(sessionId, user, refreshToken, session.expiresAt);
    await events.publish(tx, 'identity.login.succeeded', event);
    if (isNew && seenBefore) await events.publish(tx, 'identity.login.new_device', event);
    return pair;
  }

  return {
    open,
    signIn,

    /**
     * `signIn` as its own transaction. From a device the account is known to have signed in from
     * (read with its credentials), one round trip: the sign-in statement and the event's queue jobs
     * sent together (the password sign-in's hot path); from another device, `signIn` in a transaction.
     */
    async signInAtOnce(user: TokenUser, options: SignInOptions & { deviceKnown: boolean }): Promise<TokenPair> {
      if (!options.deviceKnown) return database.transaction((tx) => signIn(tx, user, options));
      const { session, refreshToken, event } = signInFacts(user, options);
      const sessionId = randomUUID();
      const pair = await tokenPair(sessionId, user, refreshToken, session.expiresAt);
      await events.writeAndPublish(
        sessionRepo.signInStatement({ ...session, sessionId }),
        'identity.login.succeeded',
        event,
      );
      return pair;
    },

    /** Exchanges a refresh token for a new pair; reuse outside the grace window revokes the family. */
    async refresh(refreshToken: string): Promise<TokenPair> {
      const now = clock.now();
      const tokenHash = sha256Hex(refreshToken);
      const outcome = await database.transaction(async (tx) => {
        const consumed = await sessionRepo.consumeRefreshToken(tx, tokenHash, now);
        if (consumed) {
          const actor = await findLiveActor(tx, consumed.session_id, consumed.user_id, now);
          if (!actor) return { ok: false as const };
          const expiresAt = new Date(now.getTime() + lifetimeMs(consumed.remember_me));
          await sessionRepo.extend(tx, consumed.session_id, expiresAt, now);
          const pair = await issueTokens(tx, consumed.session_id, tokenUser(actor), expiresAt);
          return { ok: true as const, pair };
        }
        const known = await sessionRepo.findRefreshToken(tx, tokenHash);
        // A token presented twice within the grace window is a client retry or a race between
        // tabs: refuse it without punishing the session. Later, it is a replay: end the family.
        if (known?.used_at && now.getTime() - known.used_at.getTime() > settings.reuseGraceSeconds * 1000) {
          await sessionRepo.revoke(tx, known.session_id, now);
        }
        return { ok: false as const };
      });
      if (!outcome.ok) throw invalidRefreshToken();
      return outcome.pair;
    },

    /**
     * 000's refresh: a new access token for a current refresh token, which stays valid (000's
     * clients keep the refresh token they got at login; rotating it would sign them out).
     */
    async accessFromRefresh(
      refreshToken: string,
    ): Promise<{ access_token: string; token_type: 'bearer'; expires_in: number }> {
      const now = clock.now();
      const known = await sessionRepo.findLiveRefreshToken(database.db, sha256Hex(refreshToken), now);
      const actor = known ? await findLiveActor(database.db, known.session_id, known.user_id, now) : undefined;
      if (!actor) throw invalidRefreshToken();
      const user = tokenUser(actor);
      const accessToken = await signer.sign({ ...user, userId: actor.id, sessionId: actor.sessionId });
      await sessionRepo.touch(database.db, actor.sessionId, now);
      return { access_token: accessToken, token_type: 'bearer', expires_in: signer.accessTtlSeconds };
    },

    /** Resolves an access token to its actor; fails once the session is revoked or the user blocked. */
    async authenticate(accessToken: string): Promise<Actor> {
      const claims = await signer.verify(accessToken);
      const actor = await findLiveActor(database.db, claims.sessionId, claims.userId, clock.now());
      if (!actor) throw unauthenticated();
      return actor;
    },

    async revoke(sessionId: string): Promise<void> {
      await sessionRepo.revoke(database.db, sessionId, clock.now());
    },

    /**
     * 003's logout: ends the session a current refresh token belongs to. An unknown, used or
     * expired token changes nothing (logging out twice is not an error).
     */
    async revokeByRefreshToken(refreshToken: string): Promise<void> {
      const now = clock.now();
      const live = await sessionRepo.findLiveRefreshToken(database.db, sha256Hex(refreshToken), now);
      if (live) await sessionRepo.revoke(database.db, live.session_id, now);
    },

    async revokeAll(db: Executor, userId: string, exceptSessionId?: string): Promise<void> {
      await sessionRepo.revokeAllForUser(db, userId, clock.now(), exceptSessionId);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
