// The catalog listing's hot statements with their plans, pinned as SQL snapshots in
// test/perf/plans/ (the statement, then the plan's shape without costs or timings), so a change
// that loses an index shows here and in review. Regenerate with
// `UPDATE_SNAPSHOTS=1 DATABASE_URL=... npm test -- test/perf/listing-plans.test.ts`.
// Plans are pinned on PostgreSQL, as the server runs them: a named prepared statement after six
// runs. The search page must by then use its generic plan (planned once per connection, not per
// page); listings without a search keep custom plans (a generic plan cannot know the LIMIT).
// PGlite's planner may pick differently at this size, so there the test only checks that the
// one-word search still reads its term index.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';

import { sql } from 'kysely';
import pg from 'pg';

import type { ListFilter, ListViewer } from '../../src/modules/catalog/course-listing.repo.ts';
import { courseListingRepo } from '../../src/modules/catalog/course-listing.repo.ts';
import { startTestApp } from '../helpers/app.ts';

const lectern = await startTestApp();
const { db } = lectern.database;
const onPostgres = lectern.database.kind === 'postgres';
const STUDENT = '00000000-0000-4000-8000-000000000001';

interface PlanCase {
  name: string;
  viewer: ListViewer;
  filter: ListFilter;
  cursor?: (string | number)[];
  /** PostgreSQL settles on the generic plan (else it plans each call with the values). */
  generic: boolean;
}

const cases: PlanCase[] = [
  {
    name: 'student-search-level',
    viewer: { id: STUDENT, isAdmin: false },
    filter: { level: 'intermediate', search: 'guitar', sort: 'relevance' },
    generic: true,
  },
  { name: 'anonymous-newest', viewer: { id: null, isAdmin: false }, filter: { sort: 'newest' }, generic: false },
  {
    name: 'student-level-newest-after-cursor',
    viewer: { id: STUDENT, isAdmin: false },
    filter: { level: 'advanced', sort: 'newest' },
    cursor: ['2026-01-01T00:00:00.000000+00:00', '00000000-0000-4000-8000-000000000000'],
    generic: false,
  },
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Subplan Name'?: string;
  Plans?: PlanNode[];
}

/** One line per node: its type and the index or table it reads, indented by depth. */
function shapeOf(node: PlanNode, depth = 0): string[] {
  const parts = [node['Subplan Name'] ? `[${node['Subplan Name']}] ` : '', node['Node Type']];
  if (node['Index Name']) parts.push(` using ${node['Index Name']}`);
  if (node['Relation Name']) parts.push(` on ${node['Relation Name']}`);
  return [
    `${'  '.repeat(depth)}${parts.join('')}`,
    ...(node.Plans ?? []).flatMap((child) => shapeOf(child, depth + 1)),
  ];
}

async function planOf(statement: { sql: string; parameters: unknown[] }): Promise<PlanNode> {
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': unknown }>({
    sql: `explain (costs off, format json) ${statement.sql}`,
    parameters: statement.parameters,
    query: { kind: 'RawNode' } as never,
    queryId: { queryId: 'listing-plan' } as never,
  });
  const raw = rows[0]!['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return plan[0]!.Plan;
}

/**
 * The plan a named prepared statement runs once PostgreSQL has had its five custom plans to compare
 * with (PostgreSQL's rule), and whether that is the generic plan.
 */
async function preparedPlanOf(statement: { sql: string; parameters: readonly unknown[] }) {
  const client = new pg.Client({ connectionString: lectern.database.url });
  await client.connect();
  try {
    const values = [...statement.parameters];
    for (let run = 0; run < 6; run++) await client.query({ name: 'listing', text: statement.sql, values });
    // EXECUTE takes no bind parameters: the same values as literals, typed by the statement.
    const literals = values.map((value) => (value === null ? 'null' : client.escapeLiteral(String(value)))).join(', ');
    const explained = await client.query(`explain (costs off, format json) execute listing(${literals})`);
    const stats = await client.query<{ generic_plans: string }>(
      "select generic_plans from pg_prepared_statements where name = 'listing'",
    );
    const raw = explained.rows[0]!['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    return { plan: plan[0]!.Plan, generic: Number(stats.rows[0]!.generic_plans) > 0 };
  } finally {
    await client.end();
  }
}

describe('catalog listing plans', () => {
  before(async () => {
    // 10,000 courses (90% published, four levels, eight subjects), the bench's size: the planner prefers indexes.
    await sql`insert into users (id, email, full_name, first_name, role) values
      (${STUDENT}, 'plan-student@example.test', 'Plan Student', 'Plan', 'student'),
      (gen_random_uuid(), 'plan-instructor@example.test', 'Plan Instructor', 'Plan', 'instructor')`.execute(db);
    await sql`insert into courses (owner_id, title, slug, description, level, status, published_at, created_at)
      select (select id from users where email = 'plan-instructor@example.test'),
        (array['Guitar', 'Piano', 'Python', 'Drums', 'Cooking', 'Spanish', 'Chess', 'Yoga'])[1 + i % 8] || ' course ' || i,
        'plan-course-' || i, 'Learn step by step.',
        (array['beginner', 'intermediate', 'advanced', 'expert'])[1 + (i / 3) % 4],
        case when i % 10 = 0 then 'draft' else 'published' end, now(), now() - (i || ' minutes')::interval
      from generate_series(1, 10000) as i`.execute(db);
    await sql`vacuum analyze courses, course_search_terms`.execute(db);
    // Statistics from every term row, not a random sample, so the estimates (and the plan) are stable.
    await db.transaction().execute(async (tx) => {
      await sql`set local default_statistics_target = 10000`.execute(tx);
      await sql`analyze course_search_terms`.execute(tx);
    });
  });

  for (const planCase of cases) {
    it(`${planCase.name}: the plan matches test/perf/plans/${planCase.name}.sql.txt`, async () => {
      const statement = courseListingRepo.pageStatement(
        planCase.viewer,
        planCase.filter,
        { limit: 20, offset: 0 },
        planCase.cursor,
      );
      if (!onPostgres) {
        const shape = shapeOf(await planOf(statement));
        if (planCase.filter.search) assert.match(shape.join('\n'), /course_search_terms_level_idx/);
        return;
      }
      const prepared = await preparedPlanOf(statement);
      assert.equal(prepared.generic, planCase.generic, `${planCase.name}: generic plan expected: ${planCase.generic}`);
      const shape = shapeOf(prepared.plan);
      const kind = prepared.generic ? 'generic plan, planned once' : 'custom plan, planned per call';
      const text = `-- ${planCase.name}: ${JSON.stringify({ viewer: planCase.viewer.id ? (planCase.viewer.isAdmin ? 'admin' : 'student') : 'anonymous', filter: planCase.filter })}\n${statement.sql}\n\n-- plan of the prepared statement: ${kind} (PostgreSQL, 10,000 courses, costs off)\n${shape.map((line) => `-- ${line}`).join('\n')}\n`;
      const file = new URL(`./plans/${planCase.name}.sql.txt`, import.meta.url);
      if (process.env['UPDATE_SNAPSHOTS'] || !existsSync(file)) writeFileSync(file, text);
      assert.equal(
        text,
        readFileSync(file, 'utf8'),
        `the plan of ${planCase.name} changed: review it and update the snapshot`,
      );
    });
  }
});
