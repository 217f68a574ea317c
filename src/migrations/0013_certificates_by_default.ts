import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Courses award a certificate unless their staff turn it off: 001 documents no has_certificate
// field, so a course created through it could never award one. Existing rows keep their value
// (an explicit "no" cannot be told apart from the old default).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`alter table courses alter column has_certificate set default true`]);
}
