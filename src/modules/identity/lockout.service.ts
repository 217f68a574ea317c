// Lockout on every authentication path (password, MFA code, SMS code, refresh token, reset
// token): failures are counted per account and per client address; past a threshold the account
// or address is refused with 423 for a fixed window. Failures while locked are not counted, so
// nobody can extend a lock: it always ends `minutes` after it began, and a password reset (which
// proves control of the mailbox) lifts an account lock at once.
import './identity.tables.ts';

import { sql } from 'kysely';

import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { accountLocked, ipLocked } from './identity.errors.ts';
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
  settings: LockoutSettings;
}

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

export function createLockoutService({ database, clock, settings }: LockoutDeps) {
  const windowMs = settings.minutes * 60_000;

  return {
    /** Throws 423 while the client address is locked. Addresses are unknown only for in-process callers. */
    async assertIpAllowed(ip: string | undefined): Promise<void> {
      if (!ip) return;
      const now = clock.now();
      const row = await database.db
        .selectFrom('auth_ip_failures')
        .select('locked_until')
        .where('ip', '=', ip)
        .executeTakeFirst();
      if (row?.locked_until && row.locked_until > now) throw ipLocked(secondsUntil(row.locked_until, now));
    },

    /** Throws 423 while the account is locked. */
    assertAccountUnlocked(user: { locked_until: Date | null }): void {
      const now = clock.now();
      if (user.locked_until && user.locked_until > now) throw accountLocked(secondsUntil(user.locked_until, now));
    },

    /** Counts one failed attempt against the address and, when known, the account. */
    async recordFailure(target: { ip?: string | undefined; userId?: string | undefined }): Promise<void> {
      const now = clock.now();
      if (target.userId) {
        await userRepo.recordFailedLogin(
          database.db,
          target.userId,
          settings.threshold,
          new Date(now.getTime() + windowMs),
        );
      }
      if (target.ip) await recordIpFailure(target.ip, now);
    },
  };

  async function recordIpFailure(ip: string, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - windowMs);
    const lockUntil = new Date(now.getTime() + windowMs);
    // One statement: a new window starts when the old one is over; reaching the threshold locks
    // the address and starts the count again.
    await sql`
      insert into auth_ip_failures as f (ip, failed_count, window_started_at, locked_until)
      values (${ip}, 1, ${now}, ${settings.ipThreshold <= 1 ? lockUntil : null})
      on conflict (ip) do update set
        failed_count = case
          when f.window_started_at <= ${windowStart} then 1
          when f.failed_count + 1 >= ${settings.ipThreshold} then 0
          else f.failed_count + 1 end,
        window_started_at = case when f.window_started_at <= ${windowStart} then ${now} else f.window_started_at end,
        locked_until = case
          when f.window_started_at > ${windowStart} and f.failed_count + 1 >= ${settings.ipThreshold} then ${lockUntil}
          when ${settings.ipThreshold} <= 1 then ${lockUntil}
          else f.locked_until end`.execute(database.db);
  }
}

export type LockoutService = ReturnType<typeof createLockoutService>;
