// The devices an account signed in from (for "sign-in from a new device" alerts).
import './identity.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import { prepareQuery } from '../../platform/db/index.ts';

export const loginDeviceRepo = {
  /**
   * Records the device in one statement: `isNew` when the account had not signed in from it,
   * `seenBefore` when the account had any device before this statement.
   */
  async remember(
    db: Executor,
    userId: string,
    fingerprint: string,
    now: Date,
  ): Promise<{ isNew: boolean; seenBefore: boolean }> {
    const row = await rememberQuery.takeFirst(db, userId, fingerprint, now);
    return { isNew: row!.is_new, seenBefore: row!.seen_before };
  },
};

// A statement's parts share one snapshot, so `seen_before` reads the devices as they were before
// `added` inserts (PostgreSQL: the sub-statements of a WITH do not see one another's changes).
const rememberQuery = prepareQuery('identity_login_device', 3, (db, userId: string, fingerprint: string, now: Date) =>
  db
    .with('added', (qc) =>
      qc
        .insertInto('identity_login_devices')
        .values({ user_id: userId, fingerprint, first_seen_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'fingerprint']).doNothing())
        .returning('user_id'),
    )
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('added').select('added.user_id')).$castTo<boolean>().as('is_new'),
      eb
        .exists(eb.selectFrom('identity_login_devices').select('user_id').where('user_id', '=', userId))
        .$castTo<boolean>()
        .as('seen_before'),
    ]),
);
