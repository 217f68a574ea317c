import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// A published course's search lexemes, one row each with the rank a one-word search gives it
// (ts_rank of the course's vector against that lexeme's tsquery: the same value the listing would
// compute) and the listing filters it carries. A one-word search then counts its matches with an
// index-only scan and reads its best page in index order, instead of reading and ranking every
// matching course (7x slower at 100,000 courses than at 10,000). `term` is the single-lexeme
// tsquery's text form, so `term = websearch_to_tsquery(...)::text` holds exactly when the search is
// that one lexeme. Kept by triggers in the course's own transaction, like the search vector.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table course_search_terms (
      term text not null,
      course_id uuid not null references courses (id) on delete cascade,
      level text not null,
      rank real not null,
      created_at timestamptz not null,
      primary key (course_id, term)
    )`,
    `create index course_search_terms_rank_idx on course_search_terms (term, rank desc, created_at desc, course_id)`,
    `create index course_search_terms_level_idx on course_search_terms (term, level, rank desc, created_at desc, course_id)`,
    `create function catalog_course_terms(p_id uuid) returns void language sql as $fn$
      delete from course_search_terms where course_id = p_id;
      insert into course_search_terms (term, course_id, level, rank, created_at)
        select q.query::text, c.id, c.level, ts_rank(c.search_vector, q.query), c.created_at
        from courses c
        cross join lateral unnest(tsvector_to_array(c.search_vector)) as l(lexeme)
        cross join lateral (select ('''' || replace(replace(l.lexeme, '\\', '\\\\'), '''', '''''') || '''')::tsquery as query) q
        where c.id = p_id and c.status = 'published';
    $fn$`,
    `create function catalog_course_terms_trigger() returns trigger language plpgsql as $fn$
      begin
        perform catalog_course_terms(new.id);
        return null;
      end
      $fn$`,
    `create trigger courses_search_terms_insert after insert on courses
      for each row execute function catalog_course_terms_trigger()`,
    // Only what the rows carry: seat counts and other edits leave the terms alone.
    `create trigger courses_search_terms_update after update on courses for each row
      when (old.status is distinct from new.status or old.level is distinct from new.level
        or old.created_at is distinct from new.created_at or old.search_vector is distinct from new.search_vector)
      execute function catalog_course_terms_trigger()`,
    `select catalog_course_terms(id) from courses where status = 'published'`,
  ]);
}
