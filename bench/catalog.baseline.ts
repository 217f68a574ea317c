// The catalog bench's baseline: what a skilled engineer writes by hand for the same page. Bare
// Fastify, jose with the key imported once, the session check Lectern makes on every request (the
// session is alive, the user active), then one prepared statement: published courses at the level
// matching the search (from the term table), plus the student's own unpublished ones (owner or
// co-instructor), ranked, the page and the total (a window count) in one round trip, owner names
// joined in.
import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import pg from 'pg';

import type { DatabaseHandle } from '../src/platform/db/index.ts';
import { listen } from './harness.ts';
import { importJwtKey } from './jwt-key.ts';

const SESSION_SQL = `select u.id from sessions s join users u on u.id = s.user_id
  where s.id = $1 and s.user_id = $2 and s.revoked_at is null and s.expires_at > now() and u.is_active`;

const RANK = `ts_rank(c.search_vector, websearch_to_tsquery('english', $2))`;
const MATCH = `c.level = $1 and c.search_vector @@ websearch_to_tsquery('english', $2)`;

const COLUMNS = `c.id, c.owner_id, u.full_name as owner_name, c.category_id, cat.name as category_name, c.title, c.slug,
    c.code, c.description, c.level, c.status, c.price, c.currency, c.thumbnail_url, c.estimated_duration_minutes,
    c.session_duration_minutes, c.max_students, c.enrolled_count, c.schedule, c.has_certificate, c.published_at,
    c.created_at, c.updated_at,
    array(select ci.user_id from course_instructors ci where ci.course_id = c.id order by ci.created_at, ci.user_id) as instructor_ids,
    array(select t.name from course_tags ct join tags t on t.id = ct.tag_id where ct.course_id = c.id order by lower(t.name)) as tags`;

// The student's own unpublished courses (owner or co-instructor) matching the search, ranked live.
// The ids come from catalog's function (migration 0179), as in Lectern: spelled inline, the
// statement's generic plan is priced at an average owner's course count and PostgreSQL plans every
// call afresh (the baseline did at 100,000 courses: 0.44 ms planning per page).
const OWN_UNPUBLISHED = `
      select c.id, ${RANK} as rank, c.created_at
      from (select * from courses c where c.status <> 'published'
              and c.id = any((select catalog_staff_course_ids($3::uuid))::uuid[])
            offset 0) c
      where ${MATCH}`;

const JOINS = `join courses c on c.id = p.id join users u on u.id = c.owner_id left join categories cat on cat.id = c.category_id`;
const ORDER = `rank desc, created_at desc, id`;

/** The same answer ranking every published match live (no term table): the bench checks both agree. */
export const REFERENCE_PAGE_SQL = `
  select ${COLUMNS}, p.total
  from (
    select m.*, count(*) over () as total from (
      select c.id, ${RANK} as rank, c.created_at from courses c where c.status = 'published' and ${MATCH}
      union all ${OWN_UNPUBLISHED}) m
    order by ${ORDER} limit 20
  ) p
  ${JOINS}
  order by p.rank desc, p.created_at desc, p.id`;

const TERMS = `course_search_terms t where t.term = websearch_to_tsquery('english', $2)::text and t.level = $1`;

const TERM_COUNT = `select coalesce(sum(k.n), 0) from course_search_term_counts k
  where k.term = websearch_to_tsquery('english', $2)::text and k.level = $1`;

/**
 * $1 level, $2 one search word, $3 the student's id. The published matches come from the term
 * table (migration 0176) as a hand-writer would use it: the total from its counters (migration
 * 0178), the page an index-ordered range merged with the student's own unpublished matches.
 */
export const BASELINE_PAGE_SQL = `
  select ${COLUMNS},
    (${TERM_COUNT}) + (select count(*) from (${OWN_UNPUBLISHED}) o) as total
  from (
    (select t.course_id as id, t.rank, t.created_at from ${TERMS} order by t.rank desc, t.created_at desc, t.course_id limit 20)
    union all (${OWN_UNPUBLISHED} order by ${ORDER} limit 20)
    order by ${ORDER} limit 20
  ) p
  ${JOINS}
  order by p.rank desc, p.created_at desc, p.id`;

export async function startHandWritten(
  kind: 'postgres' | 'pglite',
  database: DatabaseHandle,
  secret: string,
  path: string,
) {
  const key = await importJwtKey(secret);
  const pool = kind === 'postgres' ? new pg.Pool({ connectionString: database.url, max: 10 }) : undefined;
  const run = async (name: string, text: string, values: string[]) =>
    pool
      ? (await pool.query({ name, text, values })).rows
      : (await database.pglite!.query<Record<string, unknown>>(text, values)).rows;
  const app = Fastify();
  app.get<{ Querystring: { difficulty_level: string; q: string } }>('/courses', async (request, reply) => {
    const token = request.headers.authorization?.slice(7) ?? '';
    let userId: string;
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: 'lectern',
        audience: 'lectern-api',
      });
      userId = String(payload.sub);
      const [session] = await run('catalog-session', SESSION_SQL, [String(payload['sid']), userId]);
      if (!session) throw new Error('session');
    } catch {
      return reply.status(401).send({ detail: 'Could not validate credentials' });
    }
    const items = await run('catalog-page', BASELINE_PAGE_SQL, [
      request.query.difficulty_level,
      request.query.q,
      userId,
    ]);
    const total = Number(items[0]?.['total'] ?? 0);
    return { items, total, page: 1, page_size: 20, pages: Math.ceil(total / 20) };
  });
  const server = await listen(app, path);
  return { url: server.url, close: async () => (await server.close(), await pool?.end()) };
}
