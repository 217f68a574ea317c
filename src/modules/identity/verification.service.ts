// Everything proven by a link in a mail: email verification, password reset, email change.
// Tokens are random, stored as SHA-256 digests, single-use and expiring. Answers to "send me a
// link" never reveal whether an account exists.
import type { Clock } from '../../platform/clock.ts';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { DatabaseHandle, Executor, Tx } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { Links } from '../../platform/links.ts';
import { accountBlocked, emailTaken, invalidToken, mfaRequired } from './identity.errors.ts';
import type { IdentityMails } from './identity.mails.ts';
import type { TokenPurpose } from './identity.tables.ts';
import type { Actor, ClientInfo, TokenPair, User } from './identity.types.ts';
import { identityTokenRepo } from './identity-token.repo.ts';
import type { LockoutService } from './lockout.service.ts';
import type { PasswordPolicy } from './password.ts';
import { assertPasswordPolicy, hashPassword } from './password.ts';
import type { SessionService } from './session.service.ts';
import { userRepo } from './user.repo.ts';

export interface VerificationDeps {
  database: DatabaseHandle;
  clock: Clock;
  mail: IdentityMails;
  sessions: SessionService;
  lockout: LockoutService;
  links: Pick<Links, 'verifyEmail' | 'resetPassword' | 'confirmEmailChange'>;
}

const HOUR_MS = 3_600_000;
const LIFETIME_MS: Record<TokenPurpose, number> = {
  email_verification: 24 * HOUR_MS,
  password_reset: HOUR_MS,
  email_change: 24 * HOUR_MS,
};
/** A mail of one kind per account per minute at most; further requests are quietly dropped. */
const RESEND_INTERVAL_MS = 60_000;

export function createVerificationService({ database, clock, mail, sessions, lockout, links }: VerificationDeps) {
  async function issue(db: Executor, userId: string, purpose: TokenPurpose, newEmail?: string): Promise<string> {
    const token = randomToken();
    const now = clock.now();
    await identityTokenRepo.retireAll(db, userId, purpose, now);
    await identityTokenRepo.create(db, {
      userId,
      purpose,
      tokenHash: sha256Hex(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
      ...(newEmail ? { newEmail } : {}),
    });
    return token;
  }

  async function sentRecently(userId: string, purpose: TokenPurpose): Promise<boolean> {
    const latest = await identityTokenRepo.latestCreatedAt(database.db, userId, purpose);
    return latest !== undefined && clock.now().getTime() - latest.created_at.getTime() < RESEND_INTERVAL_MS;
  }

  /** Consumes a token; a wrong one counts as a failed attempt of the caller's address. */
  async function consume(tx: Executor, purpose: TokenPurpose, token: string) {
    return identityTokenRepo.consume(tx, purpose, sha256Hex(token), clock.now());
  }

  /**
   * Consumes an email verification token and marks the address verified, then runs `then` in the
   * same transaction. A wrong token (or one presented with another address) counts as a failed
   * attempt of the caller's address and is not spent.
   */
  async function verifyEmailThen<T>(
    token: string,
    email: string | undefined,
    client: ClientInfo,
    then: (tx: Tx, user: User) => Promise<T>,
  ): Promise<T> {
    await lockout.assertIpAllowed(client.ip);
    const mismatch = new Error('email mismatch');
    const outcome = await database
      .transaction(async (tx) => {
        const used = await consume(tx, 'email_verification', token);
        if (!used) return undefined;
        const current = await userRepo.findById(tx, used.user_id);
        // A token presented with another address is refused without being spent (rollback).
        if (!current?.email || (email !== undefined && current.email.toLowerCase() !== email.trim().toLowerCase()))
          throw mismatch;
        const user = await userRepo.update(
          tx,
          used.user_id,
          { email_verified_at: current.email_verified_at ?? clock.now() },
          clock.now(),
        );
        if (!user) return undefined;
        return { value: await then(tx, user) };
      })
      .catch((error: unknown) => {
        if (error === mismatch) return undefined;
        throw error;
      });
    if (!outcome) {
      await lockout.recordFailure({ ip: client.ip });
      throw invalidToken();
    }
    return outcome.value;
  }

  return {
    /** Creates a verification token inside the caller's transaction; returns the link to mail. */
    async verificationLink(tx: Executor, user: { id: string; email: string }): Promise<string> {
      const token = await issue(tx, user.id, 'email_verification');
      return links.verifyEmail(token, user.email);
    },

    /** Sends a new verification link when the account exists and is unverified; silent otherwise. */
    async resendVerification(email: string): Promise<void> {
      const user = await userRepo.findCredentialsByEmail(database.db, email.trim());
      if (!user?.email || user.email_verified_at || !user.is_active || user.deleted_at) return;
      if (await sentRecently(user.id, 'email_verification')) return;
      const address = user.email;
      await database.transaction(async (tx) => {
        const token = await issue(tx, user.id, 'email_verification');
        await mail.verification(tx, { to: address, url: links.verifyEmail(token, address) });
      });
    },

    /** Marks the email verified; `email`, when given (000 sends it), must be the token's. */
    async verifyEmail(token: string, email: string | undefined, client: ClientInfo = {}): Promise<User> {
      return verifyEmailThen(token, email, client, async (_tx, user) => user);
    },

    /**
     * 003's verification: marks the email verified and signs the account in, in one transaction.
     * A blocked account is refused; one with MFA has its email verified but must sign in with its code.
     */
    async verifyEmailAndSignIn(token: string, client: ClientInfo = {}): Promise<TokenPair> {
      let mfaUser = false;
      const pair = await verifyEmailThen(token, undefined, client, async (tx, user) => {
        if (!user.is_active) throw accountBlocked();
        if (user.mfa_enabled) {
          mfaUser = true;
          return undefined;
        }
        return sessions.signIn(tx, user, { method: 'password', client });
      });
      if (mfaUser || !pair) throw mfaRequired();
      return pair;
    },

    /** Mails a reset link when the account exists and may sign in; the answer never says which. */
    async requestPasswordReset(email: string): Promise<void> {
      const user = await userRepo.findCredentialsByEmail(database.db, email.trim());
      if (!user?.email || !user.is_active || user.deleted_at) return;
      if (await sentRecently(user.id, 'password_reset')) return;
      const address = user.email;
      await database.transaction(async (tx) => {
        const token = await issue(tx, user.id, 'password_reset');
        await mail.passwordReset(tx, { to: address, url: links.resetPassword(token) });
      });
    },

    /** Sets a new password from a reset token, lifts an account lock and ends every session. */
    async confirmPasswordReset(
      token: string,
      newPassword: string,
      client: ClientInfo = {},
      policy: PasswordPolicy = 'standard',
    ): Promise<void> {
      await lockout.assertIpAllowed(client.ip);
      assertPasswordPolicy(newPassword, 'new_password', policy);
      const passwordHash = await hashPassword(newPassword);
      const userId = await database.transaction(async (tx) => {
        const used = await consume(tx, 'password_reset', token);
        if (!used) return undefined;
        const now = clock.now();
        await userRepo.update(
          tx,
          used.user_id,
          { password_hash: passwordHash, failed_login_count: 0, locked_until: null },
          now,
        );
        await identityTokenRepo.retireAll(tx, used.user_id, 'password_reset', now);
        await sessions.revokeAll(tx, used.user_id);
        return used.user_id;
      });
      if (!userId) {
        await lockout.recordFailure({ ip: client.ip });
        throw invalidToken();
      }
    },

    /** Mails a confirmation link to the new address; the change happens when it is followed. */
    async requestEmailChange(actor: Actor, newEmail: string): Promise<void> {
      const email = newEmail.trim().toLowerCase();
      const taken = await userRepo.findCredentialsByEmail(database.db, email);
      if (taken) throw emailTaken();
      await database.transaction(async (tx) => {
        const token = await issue(tx, actor.id, 'email_change', email);
        await mail.emailChange(tx, { to: email, url: links.confirmEmailChange(token) });
      });
    },

    /** Applies a confirmed email change; the new address counts as verified; the old one is told. */
    async confirmEmailChange(token: string, client: ClientInfo = {}): Promise<User> {
      await lockout.assertIpAllowed(client.ip);
      try {
        const user = await database.transaction(async (tx) => {
          const used = await consume(tx, 'email_change', token);
          if (!used?.new_email) return undefined;
          const before = await userRepo.findById(tx, used.user_id);
          if (!before) throw notFound('User', used.user_id);
          const now = clock.now();
          const updated = await userRepo.update(
            tx,
            used.user_id,
            { email: used.new_email, email_verified_at: now },
            now,
          );
          if (before.email) await mail.emailChanged(tx, { to: before.email, newEmail: used.new_email });
          return updated;
        });
        if (user) return user;
      } catch (error) {
        if (isUniqueViolation(error)) throw emailTaken();
        throw error;
      }
      await lockout.recordFailure({ ip: client.ip });
      throw invalidToken();
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
