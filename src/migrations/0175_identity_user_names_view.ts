import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Identity's read-only contract for neighbours' SQL: a user's id and display name, nothing else
// (the same name `getUserSummaries` hands out, anonymised accounts included). The catalog listing
// joins it so a page of courses carries its owners' names in the same statement instead of a
// second round trip; identity stays free to change its tables behind the view.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`create view identity_user_names as select id, full_name from users`]);
}
