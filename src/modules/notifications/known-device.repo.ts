// The devices an account signed in from (login alerts).
import './notifications.tables.ts';

import type { Executor } from '../../platform/db/index.ts';

export const knownDeviceRepo = {
  /** Records the device; true when it is new for this account. */
  async remember(db: Executor, userId: string, fingerprint: string, now: Date): Promise<boolean> {
    const row = await db
      .insertInto('notification_known_devices')
      .values({ user_id: userId, fingerprint, first_seen_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'fingerprint']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    return row !== undefined;
  },

  async count(db: Executor, userId: string): Promise<number> {
    const row = await db
      .selectFrom('notification_known_devices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
