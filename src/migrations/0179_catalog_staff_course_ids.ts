import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// The ids of the courses a user owns or co-teaches, for the catalog listing's own-courses paths.
// As a function the planner costs it as one call, whoever the user is; spelled inline, a
// generic plan of the listing's prepared statements priced the owner lookup at the average
// instructor's course count (2,000 rows at 100,000 courses), so PostgreSQL never chose the generic
// plan and planned each page afresh (0.45 ms, more than executing it). The lookup itself runs its
// generic plan (planned once per session): by the same average, plpgsql's plan cache would
// otherwise plan it at every call (35-70 µs, a third of the page's execution at 10,000 courses);
// its index scans suit a student's no course and an instructor's thousands alike. STABLE: it
// reads the calling statement's snapshot.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create function catalog_staff_course_ids(p_user uuid) returns uuid[] language plpgsql stable
      set plan_cache_mode = force_generic_plan as $fn$
      begin
        return array(select o.id from courses o where o.owner_id = p_user
                     union all select ci.course_id from course_instructors ci where ci.user_id = p_user);
      end
      $fn$`,
  ]);
}
