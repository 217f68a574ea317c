import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// How many courses there are per status and level, kept by triggers in each writer's transaction,
// so the catalog listing's exact total for published courses (optionally at one level) is a sum
// over a few rows instead of counting 90,000 index entries at 100,000 courses. Inserts and deletes
// add up per statement (a bulk insert touches each counter once); an update moves a course
// between counters only when its status or level changed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table course_counts (
      status text not null,
      level text not null,
      n bigint not null,
      primary key (status, level)
    )`,
    `create function catalog_course_counts_add(p_status text, p_level text, p_delta bigint) returns void
      language sql as $fn$
        insert into course_counts (status, level, n) values (p_status, p_level, p_delta)
        on conflict (status, level) do update set n = course_counts.n + excluded.n;
      $fn$`,
    `create function catalog_course_counts_inserted() returns trigger language plpgsql as $fn$
      begin
        perform catalog_course_counts_add(status, level, count(*)) from added group by status, level order by status, level;
        return null;
      end
      $fn$`,
    `create function catalog_course_counts_deleted() returns trigger language plpgsql as $fn$
      begin
        perform catalog_course_counts_add(status, level, -count(*)) from removed group by status, level order by status, level;
        return null;
      end
      $fn$`,
    `create function catalog_course_counts_moved() returns trigger language plpgsql as $fn$
      begin
        perform catalog_course_counts_add(old.status, old.level, -1);
        perform catalog_course_counts_add(new.status, new.level, 1);
        return null;
      end
      $fn$`,
    `create trigger courses_counts_insert after insert on courses referencing new table as added
      for each statement execute function catalog_course_counts_inserted()`,
    `create trigger courses_counts_delete after delete on courses referencing old table as removed
      for each statement execute function catalog_course_counts_deleted()`,
    `create trigger courses_counts_update after update on courses for each row
      when (old.status is distinct from new.status or old.level is distinct from new.level)
      execute function catalog_course_counts_moved()`,
    `insert into course_counts (status, level, n) select status, level, count(*) from courses group by status, level`,
  ]);
}
