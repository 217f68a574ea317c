import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// The catalog page filters published courses by level (and often searches within them): with this
// index the planner reads the level's rows and checks the tsquery on those only, instead of
// matching every course's search vector (measured by bench/catalog.bench.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`create index courses_level_listing_idx on courses (status, level, created_at desc)`]);
}
