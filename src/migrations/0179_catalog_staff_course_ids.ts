import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// The ids of the courses a user owns or co-teaches, for the catalog listing's own-courses paths.
// As a function the planner costs it as one call, whoever the user is; spelled inline, a
// generic plan of the listing's prepared statements priced the owner lookup at the average
// instructor's course count (2,000 rows at 100,000 courses), so PostgreSQL never chose the generic
// plan and planned each page afresh (0.45 ms, more than executing it). plpgsql keeps the lookup's
// own plan for the session. STABLE: it reads the calling statement's snapshot.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create function catalog_staff_course_ids(p_user uuid) returns uuid[] language plpgsql stable as $fn$
      begin
        return array(select o.id from courses o where o.owner_id = p_user
                     union all select ci.course_id from course_instructors ci where ci.user_id = p_user);
      end
      $fn$`,
  ]);
}
