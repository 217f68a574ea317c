// The few facts about courses that statistics need (status, category, currency, video lessons),
// for every course or those one user teaches, in one statement.
import './catalog.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { CourseFacts } from './catalog.types.ts';

export const courseFactsRepo = {
  /** Every course, or (with `staffId`) those the user owns or co-teaches. */
  async list(db: Executor, staffId: string | null): Promise<CourseFacts[]> {
    const { rows } = await sql<CourseFacts>`
      select c.id, c.title, c.status, c.currency, cat.slug as category,
        (select count(*) from lessons l where l.course_id = c.id and l.type = 'video')::int as videos
      from courses c
      left join categories cat on cat.id = c.category_id
      where ${staffId === null}
        or c.owner_id = ${staffId}
        or exists (select 1 from course_instructors ci where ci.course_id = c.id and ci.user_id = ${staffId})
      order by c.created_at, c.id`.execute(db);
    return rows;
  },
};
