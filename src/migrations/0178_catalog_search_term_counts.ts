import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// How many published courses carry each search lexeme, per level, kept by triggers on
// course_search_terms (migration 0176) in the writer's transaction. A one-word search's exact total
// is then one counter row (four without a level) instead of an index range as long as its matches
// (3,333 entries, 0.35 ms, for "guitar" at 100,000 courses): the page costs the same at any size.
//
// Each statement adds up its rows per counter and touches the counters in (term, level) order, so
// writers sharing lexemes queue on the first common counter instead of deadlocking. For the same
// reason a multi-row insert into courses now writes its term rows in one statement (the per-row
// trigger of 0176 would update every counter once per course: a 90,000-course insert grows each
// counter's version chain inside one transaction, quadratic time).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table course_search_term_counts (
      term text not null,
      level text not null,
      n bigint not null,
      primary key (term, level)
    )`,
    `create function catalog_term_counts_inserted() returns trigger language plpgsql as $fn$
      begin
        insert into course_search_term_counts as k (term, level, n)
          select term, level, count(*) from added group by term, level order by term, level
          on conflict (term, level) do update set n = k.n + excluded.n;
        return null;
      end
      $fn$`,
    `create function catalog_term_counts_deleted() returns trigger language plpgsql as $fn$
      begin
        insert into course_search_term_counts as k (term, level, n)
          select term, level, -count(*) from removed group by term, level order by term, level
          on conflict (term, level) do update set n = k.n + excluded.n;
        return null;
      end
      $fn$`,
    `create trigger course_search_terms_counts_insert after insert on course_search_terms
      referencing new table as added for each statement execute function catalog_term_counts_inserted()`,
    `create trigger course_search_terms_counts_delete after delete on course_search_terms
      referencing old table as removed for each statement execute function catalog_term_counts_deleted()`,
    `insert into course_search_term_counts (term, level, n)
      select term, level, count(*) from course_search_terms group by term, level`,

    // The term rows of a set of published courses (0176's rows, for many courses at once).
    `create function catalog_course_term_rows(p_ids uuid[])
      returns table (term text, course_id uuid, level text, rank real, created_at timestamptz)
      language sql stable as $fn$
        select q.query::text, c.id, c.level, ts_rank(c.search_vector, q.query), c.created_at
        from courses c
        cross join lateral unnest(tsvector_to_array(c.search_vector)) as l(lexeme)
        cross join lateral (select ('''' || replace(replace(l.lexeme, '\\', '\\\\'), '''', '''''') || '''')::tsquery as query) q
        where c.id = any(p_ids) and c.status = 'published';
      $fn$`,
    `create or replace function catalog_course_terms(p_id uuid) returns void language sql as $fn$
      delete from course_search_terms where course_id = p_id;
      insert into course_search_terms (term, course_id, level, rank, created_at)
        select * from catalog_course_term_rows(array[p_id]);
    $fn$`,
    `create function catalog_courses_terms_inserted() returns trigger language plpgsql as $fn$
      begin
        insert into course_search_terms (term, course_id, level, rank, created_at)
          select * from catalog_course_term_rows(array(select id from added where status = 'published'));
        return null;
      end
      $fn$`,
    `drop trigger courses_search_terms_insert on courses`,
    `create trigger courses_search_terms_insert after insert on courses referencing new table as added
      for each statement execute function catalog_courses_terms_inserted()`,
  ]);
}
