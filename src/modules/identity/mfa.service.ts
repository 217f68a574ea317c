// Two-factor authentication with TOTP (RFC 6238, issuer "Lectern"): enable returns a secret
// and an otpauth:// URL, verify activates it and hands out one-time recovery codes, disable
// needs a code. The secret is encrypted at rest; a code is accepted once (replay protection);
// a recovery code works once.
import { randomBytes } from 'node:crypto';

import { Secret, TOTP } from 'otpauth';

import type { Clock } from '../../platform/clock.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { mfaAlreadyEnabled, mfaNotEnabled, mfaNotStarted } from './identity.errors.ts';
import type { UserRow } from './identity.tables.ts';
import type { Actor } from './identity.types.ts';
import type { SecretBox } from './mfa-crypto.ts';
import { userRepo } from './user.repo.ts';

export interface MfaDeps {
  database: DatabaseHandle;
  clock: Clock;
  box: SecretBox;
}

export const MFA_ISSUER = 'Lectern';
const RECOVERY_CODES = 10;
const PERIOD = 30;

const wrongCode = () => new DomainError('validation', 'IDENTITY_INVALID_MFA_CODE', 'Invalid MFA code');

export function createMfaService({ database, clock, box }: MfaDeps) {
  const totpFor = (secretBase32: string, label: string) =>
    new TOTP({
      issuer: MFA_ISSUER,
      label,
      algorithm: 'SHA1',
      digits: 6,
      period: PERIOD,
      secret: Secret.fromBase32(secretBase32),
    });

  /** The time step a TOTP code belongs to (±1 step of clock drift), or undefined. */
  function matchingStep(user: UserRow, code: string): number | undefined {
    if (!user.mfa_secret_encrypted || !/^\d{6}$/.test(code)) return undefined;
    const totp = totpFor(box.open(user.mfa_secret_encrypted), user.email ?? user.id);
    const timestamp = clock.now().getTime();
    const delta = totp.validate({ token: code, timestamp, window: 1 });
    return delta === null ? undefined : totp.counter({ timestamp }) + delta;
  }

  /** Accepts a TOTP code once: a step at or before the last accepted one is refused. */
  async function acceptTotp(user: UserRow, code: string): Promise<boolean> {
    const step = matchingStep(user, code);
    if (step === undefined) return false;
    return userRepo.acceptTotpStep(database.db, user.id, step);
  }

  /** Spends a recovery code, atomically. */
  async function spendRecoveryCode(userId: string, code: string): Promise<boolean> {
    return userRepo.spendRecoveryCode(database.db, userId, sha256Hex(normalizeRecoveryCode(code)));
  }

  async function credentials(actor: Actor): Promise<UserRow> {
    const user = await userRepo.findCredentialsById(database.db, actor.id);
    if (!user) throw notFound('User', actor.id);
    return user;
  }

  return {
    /** Starts set-up: a fresh secret (pending until verified) and its provisioning URL. */
    async enable(actor: Actor): Promise<{ secret: string; provisioning_url: string }> {
      const user = await credentials(actor);
      if (user.mfa_enabled) throw mfaAlreadyEnabled();
      const secret = new Secret({ size: 20 }).base32;
      await userRepo.update(
        database.db,
        user.id,
        { mfa_secret_encrypted: box.seal(secret), mfa_last_step: null },
        clock.now(),
      );
      return { secret, provisioning_url: totpFor(secret, user.email ?? user.phone ?? user.id).toString() };
    },

    /** Activates MFA with a code from the authenticator; returns the recovery codes, shown once. */
    async verify(actor: Actor, code: string): Promise<{ recovery_codes: string[] }> {
      const user = await credentials(actor);
      if (user.mfa_enabled) throw mfaAlreadyEnabled();
      if (!user.mfa_secret_encrypted) throw mfaNotStarted();
      if (!(await acceptTotp(user, code))) throw wrongCode();
      const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
      await userRepo.update(
        database.db,
        user.id,
        {
          mfa_enabled: true,
          mfa_recovery_code_hashes: JSON.stringify(codes.map((c) => sha256Hex(normalizeRecoveryCode(c)))),
        },
        clock.now(),
      );
      return { recovery_codes: codes };
    },

    /** Turns MFA off; needs a current TOTP code or a recovery code. */
    async disable(actor: Actor, code: string): Promise<void> {
      const user = await credentials(actor);
      if (!user.mfa_enabled) throw mfaNotEnabled();
      if (!(await acceptTotp(user, code)) && !(await spendRecoveryCode(user.id, code))) throw wrongCode();
      await userRepo.update(
        database.db,
        user.id,
        { mfa_enabled: false, mfa_secret_encrypted: null, mfa_recovery_code_hashes: '[]', mfa_last_step: null },
        clock.now(),
      );
    },

    /** Replaces the recovery codes; needs a current TOTP code. */
    async regenerateRecoveryCodes(actor: Actor, code: string): Promise<{ recovery_codes: string[] }> {
      const user = await credentials(actor);
      if (!user.mfa_enabled) throw mfaNotEnabled();
      if (!(await acceptTotp(user, code))) throw wrongCode();
      const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
      await userRepo.update(
        database.db,
        user.id,
        { mfa_recovery_code_hashes: JSON.stringify(codes.map((c) => sha256Hex(normalizeRecoveryCode(c)))) },
        clock.now(),
      );
      return { recovery_codes: codes };
    },

    /** The second factor at sign-in: a TOTP code or a recovery code, each accepted once. */
    async checkLoginCode(user: UserRow, code: string): Promise<boolean> {
      if (!user.mfa_enabled) return false;
      return (await acceptTotp(user, code.trim())) || (await spendRecoveryCode(user.id, code));
    },
  };
}

export type MfaService = ReturnType<typeof createMfaService>;

function newRecoveryCode(): string {
  const hex = randomBytes(5).toString('hex');
  return `${hex.slice(0, 5)}-${hex.slice(5)}`;
}

function normalizeRecoveryCode(code: string): string {
  return code
    .trim()
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '');
}
