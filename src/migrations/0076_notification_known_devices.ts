import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// The devices (address + user agent, as a digest) each account signed in from, so a sign-in from
// a new one sends a `login_alert`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table notification_known_devices (
      user_id uuid not null references users (id) on delete cascade,
      fingerprint text not null,
      first_seen_at timestamptz not null,
      primary key (user_id, fingerprint)
    )`,
  ]);
}
