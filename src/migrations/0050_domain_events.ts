import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Domain events travel as queue jobs, one queue per subscriber (platform/events). A subscriber's
// handler runs in a transaction that also marks (subscriber, event) processed here, so a job
// delivered again after its first run committed does nothing. Marks older than a month, long
// after any retry, are cleaned up daily.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table processed_events (
      subscriber text not null,
      event_id uuid not null,
      processed_at timestamptz not null default now(),
      primary key (subscriber, event_id)
    )`,
    `create index processed_events_processed_at_idx on processed_events (processed_at)`,
  ]);
}
