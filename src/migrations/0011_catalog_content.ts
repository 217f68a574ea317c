import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Lesson descriptions (000's lessons carry one), lesson resources, and the course search index
// kept current by triggers, so every writer (module, seed SQL, future surfaces) updates it in
// its own transaction.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table lessons add column description text not null default ''`,
    `create index lessons_course_order_idx on lessons (course_id, status)`,
    `create index sections_course_position_idx on sections (course_id, position, created_at)`,
    `create index categories_parent_idx on categories (parent_id)`,
    `create unique index categories_name_unique on categories (lower(name))`,
    `create index courses_price_idx on courses (status, price)`,
    `create index courses_title_idx on courses (status, lower(title))`,
    // file_id points at files (0020, created after this migration); checked by the module.
    `create table lesson_resources (
      id uuid primary key default gen_random_uuid(),
      lesson_id uuid not null references lessons (id) on delete cascade,
      kind text not null check (kind in ('file', 'link')),
      title text not null,
      url text,
      file_id uuid,
      content_type text,
      size_bytes bigint check (size_bytes >= 0),
      position integer not null,
      created_at timestamptz not null default now(),
      check ((kind = 'link' and url is not null) or (kind = 'file' and file_id is not null))
    )`,
    `create index lesson_resources_lesson_idx on lesson_resources (lesson_id, position)`,
    // Weights: course title and code A, description B, lesson titles and descriptions C.
    `create function catalog_course_vector(p_id uuid, p_title text, p_code text, p_description text) returns tsvector
      language sql stable as $fn$
        select setweight(to_tsvector('english', coalesce(p_title, '') || ' ' || coalesce(p_code, '')), 'A')
          || setweight(to_tsvector('english', coalesce(p_description, '')), 'B')
          || setweight(to_tsvector('english', coalesce(
               (select string_agg(l.title || ' ' || l.description, ' ') from lessons l where l.course_id = p_id), '')), 'C')
      $fn$`,
    `create function catalog_courses_search_trigger() returns trigger language plpgsql as $fn$
      begin
        new.search_vector := catalog_course_vector(new.id, new.title, new.code, new.description);
        return new;
      end
      $fn$`,
    `create trigger courses_search_vector before insert or update of title, code, description on courses
      for each row execute function catalog_courses_search_trigger()`,
    `create function catalog_lessons_search_trigger() returns trigger language plpgsql as $fn$
      declare
        target uuid;
      begin
        if tg_op = 'DELETE' then target := old.course_id; else target := new.course_id; end if;
        update courses c set search_vector = catalog_course_vector(c.id, c.title, c.code, c.description) where c.id = target;
        return null;
      end
      $fn$`,
    `create trigger lessons_search_vector after insert or delete or update of title, description on lessons
      for each row execute function catalog_lessons_search_trigger()`,
  ]);
}
