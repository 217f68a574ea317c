import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Every save of an attempt's answers bumps this counter on the attempt row, so a submit that
// graded the answers it read without a lock can close the attempt only if no save came between
// (the close's WHERE is re-checked on the row a concurrent save updated).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`alter table quiz_attempts add column answers_version integer not null default 0`]);
}
