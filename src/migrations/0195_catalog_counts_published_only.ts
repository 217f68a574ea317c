import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// course_counts (migration 0177) counts published courses only: the listing reads no other status,
// and counting drafts made every course creation update a shared counter row, so instructors
// creating courses at the same time queued on it until each creator's transaction committed.
// Now only publishing, unpublishing, a published course's level change and deletion touch it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create or replace function catalog_course_counts_inserted() returns trigger language plpgsql as $fn$
      begin
        perform catalog_course_counts_add(status, level, count(*)) from added
          where status = 'published' group by status, level order by status, level;
        return null;
      end
      $fn$`,
    `create or replace function catalog_course_counts_deleted() returns trigger language plpgsql as $fn$
      begin
        perform catalog_course_counts_add(status, level, -count(*)) from removed
          where status = 'published' group by status, level order by status, level;
        return null;
      end
      $fn$`,
    `create or replace function catalog_course_counts_moved() returns trigger language plpgsql as $fn$
      begin
        if old.status = 'published' then
          perform catalog_course_counts_add(old.status, old.level, -1);
        end if;
        if new.status = 'published' then
          perform catalog_course_counts_add(new.status, new.level, 1);
        end if;
        return null;
      end
      $fn$`,
    `delete from course_counts where status <> 'published'`,
  ]);
}
