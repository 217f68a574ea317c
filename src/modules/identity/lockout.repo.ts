// Every SQL statement about failed authentication attempts per client address.
import './identity.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';

export const lockoutRepo = {
  async ipLockedUntil(db: Executor, ip: string): Promise<Date | null> {
    const row = await db.selectFrom('auth_ip_failures').select('locked_until').where('ip', '=', ip).executeTakeFirst();
    return row?.locked_until ?? null;
  },

  /**
   * Counts one failure of `ip` in one statement: a new window starts when the old one (begun
   * before `windowStart`) is over; reaching `threshold` locks the address until `lockUntil` and
   * starts the count again.
   */
  async recordIpFailure(
    db: Executor,
    ip: string,
    at: { now: Date; windowStart: Date; lockUntil: Date; threshold: number },
  ): Promise<void> {
    const { now, windowStart, lockUntil, threshold } = at;
    await sql`
      insert into auth_ip_failures as f (ip, failed_count, window_started_at, locked_until)
      values (${ip}, 1, ${now}, ${threshold <= 1 ? lockUntil : null})
      on conflict (ip) do update set
        failed_count = case
          when f.window_started_at <= ${windowStart} then 1
          when f.failed_count + 1 >= ${threshold} then 0
          else f.failed_count + 1 end,
        window_started_at = case when f.window_started_at <= ${windowStart} then ${now} else f.window_started_at end,
        locked_until = case
          when f.window_started_at > ${windowStart} and f.failed_count + 1 >= ${threshold} then ${lockUntil}
          when ${threshold} <= 1 then ${lockUntil}
          else f.locked_until end`.execute(db);
  },
};
