// Phone sign-in and phone change with SMS codes: six digits, stored as an HMAC, valid for ten
// minutes, five guesses, one code per number per minute. Wrong codes count toward lockout.
import { createHmac, randomInt } from 'node:crypto';

import type { Clock } from '../../platform/clock.ts';
import { safeEqual } from '../../platform/crypto.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import type { SmsSender } from '../../platform/sms/index.ts';
import {
  accountBlocked,
  codeThrottled,
  emailTaken,
  invalidPhone,
  invalidSmsCode,
  mfaRequired,
  phoneTaken,
} from './identity.errors.ts';
import { smsCodeText } from './identity.mails.ts';
import type { SmsPurpose } from './identity.tables.ts';
import type { Actor, ClientInfo, NameInput, TokenPair, User } from './identity.types.ts';
import type { LockoutService } from './lockout.service.ts';
import type { MfaService } from './mfa.service.ts';
import { resolveNames } from './names.ts';
import type { PasswordPolicy } from './password.ts';
import { assertPasswordPolicy, hashPassword } from './password.ts';
import type { SessionService } from './session.service.ts';
import { smsCodeRepo } from './sms-code.repo.ts';
import { userRepo } from './user.repo.ts';

export interface PhoneDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
  sms: SmsSender;
  sessions: SessionService;
  lockout: LockoutService;
  mfa: MfaService;
  /** Key of the HMAC under which codes are stored. */
  codeKey: string;
}

export interface PhoneLoginInput extends NameInput {
  phone: string;
  code: string;
  /** For a new account: optional email and password. */
  email?: string | undefined;
  password?: string | undefined;
  mfaCode?: string | undefined;
  rememberMe?: boolean | undefined;
  /** Rules for a new account's password; `standard` by default. */
  passwordPolicy?: PasswordPolicy | undefined;
}

const CODE_TTL_MINUTES = 10;
const MAX_ATTEMPTS = 5;
const RESEND_INTERVAL_MS = 60_000;
const E164 = /^\+[1-9]\d{6,14}$/;

/** Canonical E.164 form: separators dropped; anything else is refused. */
export function normalizePhone(phone: string): string {
  const compact = phone.trim().replace(/[\s().-]/g, '');
  if (!E164.test(compact)) throw invalidPhone();
  return compact;
}

export function createPhoneService({ database, clock, events, sms, sessions, lockout, mfa, codeKey }: PhoneDeps) {
  const digest = (phone: string, purpose: SmsPurpose, code: string) =>
    createHmac('sha256', codeKey).update(`${purpose}:${phone}:${code}`).digest('hex');

  async function sendCode(phone: string, purpose: SmsPurpose, userId: string | null): Promise<void> {
    const now = clock.now();
    const latest = await smsCodeRepo.latest(database.db, phone, purpose);
    if (latest && now.getTime() - latest.created_at.getTime() < RESEND_INTERVAL_MS) {
      throw codeThrottled(Math.ceil((RESEND_INTERVAL_MS - (now.getTime() - latest.created_at.getTime())) / 1000));
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await database.transaction(async (tx) => {
      await smsCodeRepo.retireAll(tx, phone, purpose, now);
      await smsCodeRepo.create(tx, {
        phone,
        purpose,
        userId,
        codeHash: digest(phone, purpose, code),
        createdAt: now,
        expiresAt: new Date(now.getTime() + CODE_TTL_MINUTES * 60_000),
      });
      await sms.send({ to: phone, body: smsCodeText(code, CODE_TTL_MINUTES) }, tx);
    });
  }

  /** Spends the newest open code if `code` matches; a wrong guess uses up one of five attempts. */
  async function checkCode(phone: string, purpose: SmsPurpose, code: string, userId?: string): Promise<boolean> {
    const now = clock.now();
    const latest = await smsCodeRepo.latest(database.db, phone, purpose);
    if (!latest || latest.used_at || latest.expires_at <= now || latest.attempts >= MAX_ATTEMPTS) return false;
    if (userId !== undefined && latest.user_id !== userId) return false;
    if (!safeEqual(latest.code_hash, digest(phone, purpose, code.trim()))) {
      await smsCodeRepo.countAttempt(database.db, latest.id);
      return false;
    }
    return smsCodeRepo.consume(database.db, latest.id, MAX_ATTEMPTS, now);
  }

  return {
    /** Sends a sign-in (or sign-up) code. Answers the same whether the number has an account. */
    async sendLoginCode(phone: string, client: ClientInfo = {}): Promise<void> {
      await lockout.assertIpAllowed(client.ip);
      await sendCode(normalizePhone(phone), 'login', null);
    },

    /** Signs in the owner of the number, or creates an account for it. */
    async loginWithCode(input: PhoneLoginInput, client: ClientInfo = {}): Promise<TokenPair> {
      await lockout.assertIpAllowed(client.ip);
      const phone = normalizePhone(input.phone);
      const user = await userRepo.findCredentialsByPhone(database.db, phone);
      if (user) lockout.assertAccountUnlocked(user);
      // A new account's password is checked and hashed before the code is spent.
      if (!user && input.password !== undefined) assertPasswordPolicy(input.password, 'password', input.passwordPolicy);
      const passwordHash = !user && input.password !== undefined ? await hashPassword(input.password) : null;
      if (!(await checkCode(phone, 'login', input.code))) {
        await lockout.recordFailure({ ip: client.ip, userId: user?.id });
        throw invalidSmsCode();
      }
      const now = clock.now();
      if (user) {
        if (!user.is_active) throw accountBlocked();
        if (user.mfa_enabled) {
          if (!input.mfaCode) throw mfaRequired();
          if (!(await mfa.checkLoginCode(user, input.mfaCode))) {
            await lockout.recordFailure({ ip: client.ip, userId: user.id });
            throw invalidSmsCode();
          }
        }
        return database.transaction(async (tx) => {
          await userRepo.update(tx, user.id, { phone_verified_at: user.phone_verified_at ?? now }, now);
          return sessions.signIn(tx, user, { method: 'phone', rememberMe: input.rememberMe, client });
        });
      }
      const names = resolveNames({ first_name: '', last_name: '' }, input) ?? {
        first_name: '',
        last_name: '',
        full_name: '',
      };
      try {
        return await database.transaction(async (tx) => {
          const created = await userRepo.insert(tx, {
            phone,
            phone_verified_at: now,
            email: input.email ? input.email.trim().toLowerCase() : null,
            password_hash: passwordHash,
            ...names,
          });
          await events.publish(tx, 'identity.user.registered', {
            user_id: created.id,
            role: created.role,
            method: 'phone',
          });
          return sessions.signIn(tx, created, { method: 'phone', rememberMe: input.rememberMe, client });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw input.email ? emailTaken() : phoneTaken();
        throw error;
      }
    },

    /** Sends a code to a new number for the signed-in user. */
    async sendPhoneChangeCode(actor: Actor, phone: string, client: ClientInfo = {}): Promise<void> {
      await lockout.assertIpAllowed(client.ip);
      const normalized = normalizePhone(phone);
      const owner = await userRepo.findCredentialsByPhone(database.db, normalized);
      if (owner && owner.id !== actor.id) throw phoneTaken();
      await sendCode(normalized, 'phone_change', actor.id);
    },

    /** Sets the signed-in user's phone once the code sent to it comes back. */
    async confirmPhoneChange(actor: Actor, phone: string, code: string, client: ClientInfo = {}): Promise<User> {
      await lockout.assertIpAllowed(client.ip);
      const normalized = normalizePhone(phone);
      if (!(await checkCode(normalized, 'phone_change', code, actor.id))) {
        await lockout.recordFailure({ ip: client.ip });
        throw invalidSmsCode();
      }
      try {
        const now = clock.now();
        const updated = await userRepo.update(
          database.db,
          actor.id,
          { phone: normalized, phone_verified_at: now },
          now,
        );
        if (!updated) throw invalidSmsCode();
        return updated;
      } catch (error) {
        if (isUniqueViolation(error)) throw phoneTaken();
        throw error;
      }
    },
  };
}

export type PhoneService = ReturnType<typeof createPhoneService>;
