import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Everyone but admins and a course's staff searches published courses only (course-listing.repo.ts
// reads one's own unpublished courses through the owner and co-instructor indexes instead), so a
// GIN index over published courses' search vectors gives the catalog search exactly its candidates.
// The full index of 0010 stays for admins, who search every status.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create index courses_published_search_idx on courses using gin (search_vector) where status = 'published'`,
  ]);
}
