import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// The devices (address + user agent, as a digest) each account signed in from move from
// notifications to identity: the sign-in reads whether its device is known with the account, so a
// sign-in from a known device publishes only identity.login.succeeded, and one from a new device
// also identity.login.new_device, which the login alert now follows (notifications no longer needs
// a job for every sign-in). The devices recorded so far come along, with the same digests.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table identity_login_devices (
      user_id uuid not null references users (id) on delete cascade,
      fingerprint text not null,
      first_seen_at timestamptz not null,
      primary key (user_id, fingerprint)
    )`,
    `insert into identity_login_devices (user_id, fingerprint, first_seen_at)
      select user_id, fingerprint, first_seen_at from notification_known_devices`,
    `drop table notification_known_devices`,
  ]);
}
