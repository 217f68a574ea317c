import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// A confidential notification carries a one-time secret (a password-reset or verification link):
// it stays out of the in-app feed and admin views, and its bodies are wiped once it is sent.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`alter table notifications add column confidential boolean not null default false`]);
}
