// Lockout on every authentication path (password, MFA code, SMS code, refresh token, reset
// token): failures are counted per account and per client address; past a threshold the account
// or address is refused with 423 for a fixed window. Failures while locked are not counted, so
// nobody can extend a lock: it always ends `minutes` after it began, and a password reset (which
// proves control of the mailbox) lifts an account lock at once.
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import { accountLocked, ipLocked } from './identity.errors.ts';
import { lockoutRepo } from './lockout.repo.ts';
import { userRepo } from './user.repo.ts';

export interface LockoutSettings {
  threshold: number;
  minutes: number;
  /** Failures from one address within `minutes` before the address is locked. */
  ipThreshold: number;
}

export interface LockoutDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
  settings: LockoutSettings;
}

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

export function createLockoutService({ database, clock, events, settings }: LockoutDeps) {
  const windowMs = settings.minutes * 60_000;

  function assertIpUnlocked(lockedUntil: Date | null): void {
    const now = clock.now();
    if (lockedUntil && lockedUntil > now) throw ipLocked(secondsUntil(lockedUntil, now));
  }

  return {
    /** Throws 423 while the client address is locked. Addresses are unknown only for in-process callers. */
    async assertIpAllowed(ip: string | undefined): Promise<void> {
      if (!ip) return;
      assertIpUnlocked(await lockoutRepo.ipLockedUntil(database.db, ip));
    },

    /** Throws 423 while the address is locked, given its lock time read with other facts (sign-in). */
    assertIpUnlocked,

    /** Throws 423 while the account is locked. */
    assertAccountUnlocked(user: { locked_until: Date | null }): void {
      const now = clock.now();
      if (user.locked_until && user.locked_until > now) throw accountLocked(secondsUntil(user.locked_until, now));
    },

    /** Counts one failed attempt against the address and, when known, the account. */
    async recordFailure(target: { ip?: string | undefined; userId?: string | undefined }): Promise<void> {
      const now = clock.now();
      const userId = target.userId;
      if (userId) {
        const lockUntil = new Date(now.getTime() + windowMs);
        await database.transaction(async (tx) => {
          if (!(await userRepo.recordFailedLogin(tx, userId, settings.threshold, lockUntil))) return;
          await events.publish(tx, 'identity.account.locked', {
            user_id: userId,
            locked_until: lockUntil.toISOString(),
            failed_attempts: settings.threshold,
          });
        });
      }
      if (target.ip) {
        await lockoutRepo.recordIpFailure(database.db, target.ip, {
          now,
          windowStart: new Date(now.getTime() - windowMs),
          lockUntil: new Date(now.getTime() + windowMs),
          threshold: settings.ipThreshold,
        });
      }
    },
  };
}

export type LockoutService = ReturnType<typeof createLockoutService>;
