// The catalog bench's data: 50 instructors and courses numbered from..to in one INSERT ... SELECT
// (90% published, titles from a small vocabulary), so 100,000 courses seed in seconds and a
// 10,000-course set grows in place to 100,000.
import { sql } from 'kysely';

import type { DatabaseHandle } from '../src/platform/db/index.ts';

/** Adds courses `from`..`to` (and the instructors when `from` is 1); returns the seconds it took. */
export async function seedCourses(database: DatabaseHandle, from: number, to: number): Promise<number> {
  const started = performance.now();
  await database.transaction(async (tx) => {
    if (from === 1)
      await sql`insert into users (email, full_name, first_name, role)
        select 'bench-instructor-' || i || '@example.test', 'Instructor ' || i, 'Instructor', 'instructor'
        from generate_series(1, 50) as i`.execute(tx);
    await sql`insert into courses (owner_id, title, slug, description, level, status, price, published_at, created_at)
      select o.ids[1 + i % 50],
        (array['Guitar', 'Piano', 'Python', 'Drums', 'Cooking', 'Spanish', 'Chess', 'Yoga'])[1 + i % 8] || ' '
          || (array['Basics', 'Mastery', 'for Beginners', 'Deep Dive', 'Workshop'])[1 + (i / 8) % 5] || ' ' || i,
        'bench-course-' || i,
        'Learn ' || (array['chords and strumming', 'scales', 'functions and classes', 'rhythm', 'knife skills', 'grammar', 'openings', 'breathing'])[1 + i % 8]
          || ' step by step with exercises.',
        (array['beginner', 'intermediate', 'advanced', 'expert'])[1 + (i / 3) % 4],
        case when i % 10 = 0 then 'draft' else 'published' end,
        (i % 200)::numeric,
        now(),
        now() - (i || ' minutes')::interval
      from generate_series(${from}::int, ${to}::int) as i,
        (select array_agg(id order by (substring(email from '[0-9]+'))::int) as ids from users
         where email like 'bench-instructor-%') o`.execute(tx);
  });
  // What autovacuum does on a live table: statistics and the visibility map (index-only counts).
  await sql`vacuum analyze courses, course_search_terms`.execute(database.db);
  return (performance.now() - started) / 1000;
}
