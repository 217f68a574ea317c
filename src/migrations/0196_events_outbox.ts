import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// The events outbox: a published event is one row here, written inside the business transaction
// with the subscriber queues it goes to; a relay moves rows into those queues in batches. A
// pg-boss job per subscriber in the business transaction cost about three times this insert
// (pg-boss's insert statement and the 17 indexes of its job table), on the hot paths that publish.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table event_outbox (
      id bigint generated always as identity primary key,
      queues text[] not null,
      event json not null
    )`,
  ]);
}
