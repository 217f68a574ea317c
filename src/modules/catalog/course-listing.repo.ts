// The course listing: one statement per page (the page's rows, the total and the sort keys of each
// row for a keyset cursor), a named prepared statement per filter shape.
//
// Visibility is split into paths that each have an index, never `published OR staff`, which no
// index serves: published courses (partial GIN index for search, (status, ...) btrees otherwise),
// and the viewer's own unpublished courses through the owner and co-instructor indexes. The paths
// are disjoint and joined with UNION ALL; the 20 ids are picked first and only those rows read
// names, tags and co-instructors. Plans are pinned in test/perf/plans/.
import type { CompiledQuery, RawBuilder } from 'kysely';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';

import type { Database, Executor, PreparedQuery } from '../../platform/db/index.ts';
import { prepareQuery } from '../../platform/db/index.ts';
import type { PageRequest } from '../../platform/paging.ts';
import type { CourseStatus } from './catalog.tables.ts';
import type { CourseLevel, CourseSort } from './catalog.types.ts';

/** Who is asking, for the listing's visibility rule. */
export interface ListViewer {
  id: string | null;
  isAdmin: boolean;
}

export interface ListFilter {
  categoryIds?: string[];
  level?: CourseLevel;
  instructorId?: string;
  status?: CourseStatus;
  mine?: boolean;
  tag?: string;
  search?: string;
  sort: CourseSort;
}

/** The sort keys of the last row a client saw (the values of `SORT_KEYS[sort]`, then the id). */
export type CursorKeys = (string | number)[];

export interface ListedPage<R> {
  items: R[];
  total: number;
  /** The keys after the page's last row when more rows follow, else null. */
  next: CursorKeys | null;
}

interface SortKey {
  expr: string;
  cast: string;
  desc: boolean;
}

const RANK = "ts_rank(c.search_vector, websearch_to_tsquery('english', {search}))";
const CREATED_DESC: SortKey = { expr: 'c.created_at', cast: 'timestamptz', desc: true };

/** Each order's keys before the id, which always ends the order (ascending). */
export const SORT_KEYS: Record<CourseSort, SortKey[]> = {
  newest: [CREATED_DESC],
  oldest: [{ expr: 'c.created_at', cast: 'timestamptz', desc: false }],
  title: [{ expr: 'lower(c.title)', cast: 'text', desc: false }],
  price: [{ expr: 'c.price', cast: 'numeric', desc: false }, CREATED_DESC],
  price_desc: [{ expr: 'c.price', cast: 'numeric', desc: true }, CREATED_DESC],
  relevance: [{ expr: RANK, cast: 'real', desc: true }, CREATED_DESC],
};

type Path = 'published' | 'own-unpublished' | 'staff' | 'all';

/** What makes two listings the same statement: the paths, the filters present, sort and cursor. */
interface Shape {
  paths: Path[];
  filters: (keyof Omit<ListFilter, 'sort' | 'mine'>)[];
  sort: CourseSort;
  cursor: boolean;
  /** The published courses come from course_search_terms (a one-word search by relevance). */
  terms: boolean;
}

/** Argument names of a shape, in the order the prepared statement takes them. */
function argumentsOf(shape: Shape): string[] {
  const names: string[] = [];
  if (shape.paths.some((path) => path !== 'published' && path !== 'all')) names.push('viewer');
  names.push(...shape.filters);
  if (shape.sort === 'relevance' && !shape.filters.includes('search')) throw new Error('relevance needs a search');
  if (shape.cursor) names.push(...SORT_KEYS[shape.sort].map((_, i) => `key${i}`), 'key_id');
  names.push('limit', 'offset');
  return names;
}

type Args = Record<string, unknown>;

/** `{name}` placeholders of a fragment → bound arguments. */
function fill(text: string, args: Args): RawBuilder<unknown> {
  const parts = text.split(/\{(\w+)\}/);
  const strings = parts.filter((_, i) => i % 2 === 0);
  const values = parts.filter((_, i) => i % 2 === 1).map((name) => args[name]);
  return sql(Object.assign([...strings], { raw: strings }) as unknown as TemplateStringsArray, ...values);
}

// The ids a user owns or co-teaches, as an array computed once (an InitPlan): `c.id = any(...)` reads
// those few rows by primary key whatever the planner guesses for the other filters (a generic plan
// of a prepared statement would otherwise scan the search index and semi-join the staff set). The
// function (migration 0179) costs the same in generic and custom plans, so PostgreSQL settles on
// the generic plan and stops planning each page.
const STAFF_OF = (user: string) => `c.id = any((select catalog_staff_course_ids({${user}}::uuid))::uuid[])`;

function pathCondition(path: Path): string {
  switch (path) {
    case 'published':
      return "c.status = 'published'";
    case 'own-unpublished':
      return `c.status <> 'published' and ${STAFF_OF('viewer')}`;
    case 'staff':
      return STAFF_OF('viewer');
    case 'all':
      return 'true';
  }
}

const FILTER_SQL: Record<Shape['filters'][number], string> = {
  level: 'c.level = {level}',
  status: 'c.status = {status}',
  categoryIds: 'c.category_id = any({categoryIds}::uuid[])',
  instructorId: STAFF_OF('instructorId'),
  tag: 'exists (select 1 from course_tags ct join tags t on t.id = ct.tag_id where ct.course_id = c.id and lower(t.name) = {tag})',
  search: "c.search_vector @@ websearch_to_tsquery('english', {search})",
};

// A one-word search's published matches with their precomputed rank (migration 0176), under the
// names the listing's conditions use: `term` equals the search's tsquery text only when the search
// is exactly that one lexeme, so the rows and ranks are those of the search vector's path.
const TERM_ROWS =
  "(select t.course_id as id, t.level, t.rank, t.created_at from course_search_terms t where t.term = websearch_to_tsquery('english', {search})::text) c";

/** Which listings the term table answers: published courses, a one-word search, by relevance. */
const ONE_WORD = /^\s*[a-z]+\s*$/i;
function termsServe(paths: Path[], filter: ListFilter): boolean {
  const filters = (['categoryIds', 'instructorId', 'status', 'tag'] as const).filter(
    (name) => filter[name] !== undefined,
  );
  return (
    paths.includes('published') &&
    filters.length === 0 &&
    filter.sort === 'relevance' &&
    filter.search !== undefined &&
    ONE_WORD.test(filter.search)
  );
}

/**
 * The matching rows' ids (and sort keys k0, k1... for a page), one UNION ALL branch per path.
 * `branchLimit`: each branch keeps only its first limit + offset rows in the page's order (all the
 * page can take from it), so each follows its index and stops early instead of feeding a sort.
 */
function matched(shape: Shape, forPage: boolean, branchLimit = false): string {
  const limited = branchLimit && shape.paths.length > 1;
  return shape.paths.map((path) => branch(shape, path, forPage, limited)).join(' union all ');
}

function branch(shape: Shape, path: Path, forPage: boolean, limited: boolean): string {
  const fromTerms = shape.terms && path === 'published';
  const keys = SORT_KEYS[shape.sort].map((key) => (fromTerms && key.expr === RANK ? { ...key, expr: 'c.rank' } : key));
  const columns = forPage ? ['c.id', ...keys.map((key, i) => `${key.expr} as k${i}`)].join(', ') : 'c.id';
  const filters = shape.filters.filter((name) => !(fromTerms && name === 'search')).map((name) => FILTER_SQL[name]);
  if (forPage && shape.cursor) filters.push(...cursorConditions(keys));
  // One's own courses are a handful read by primary key: `offset 0` keeps the filters out of
  // that scan, where a generic plan would rather intersect them with the search index.
  const from = fromTerms
    ? TERM_ROWS
    : path === 'published' || path === 'all'
      ? 'courses c'
      : `(select * from courses c where ${pathCondition(path)} offset 0) c`;
  const conditions =
    (path === 'published' && !fromTerms) || path === 'all' ? [pathCondition(path), ...filters] : filters;
  const select = `select ${columns} from ${from} where ${[...conditions, 'true'].join(' and ')}`;
  if (!limited) return select;
  const order = [...keys.map((key, i) => `k${i}${key.desc ? ' desc' : ''}`), 'id'].join(', ');
  return `(${select} order by ${order} limit {limit}::int + {offset}::int)`;
}

/**
 * The number of matches: per path, from counters kept by triggers when they answer it (published
 * courses narrowed by a level only: course_counts, migration 0177; a one-word search served by the
 * term table, optionally with a level: course_search_term_counts, migration 0178), else by counting
 * the branch's rows.
 */
function totalSql(shape: Shape): string {
  const level = shape.filters.includes('level') ? ' and k.level = {level}' : '';
  const counts = shape.paths.map((path) => {
    if (path === 'published' && shape.terms)
      return `select coalesce(sum(k.n), 0)::bigint as n from course_search_term_counts k where k.term = websearch_to_tsquery('english', {search})::text${level}`;
    if (path === 'published' && shape.filters.every((name) => name === 'level'))
      return `select coalesce(sum(k.n), 0)::bigint as n from course_counts k where k.status = 'published'${level}`;
    return `select count(*) as n from (${branch(shape, path, false, false)}) b`;
  });
  return `select sum(n.n)::bigint as total from (${counts.join(' union all ')}) n`;
}

/**
 * Rows after the cursor in the order of `keys` then id: the lexicographic comparison spelled out
 * (directions differ per key), plus a plain bound on the first key that an index can range over.
 */
function cursorConditions(keys: SortKey[]): string[] {
  const value = (i: number) => (i < keys.length ? `{key${i}}::${keys[i]!.cast}` : '{key_id}::uuid');
  const expr = (i: number) => (i < keys.length ? keys[i]!.expr : 'c.id');
  const after = (i: number) => (i < keys.length && keys[i]!.desc ? '<' : '>');
  let condition = `${expr(keys.length)} > ${value(keys.length)}`;
  for (let i = keys.length - 1; i >= 0; i--)
    condition = `(${expr(i)} ${after(i)} ${value(i)} or (${expr(i)} = ${value(i)} and ${condition}))`;
  return [`${expr(0)} ${after(0)}= ${value(0)}`, condition];
}

// Owners' names through identity's read-only view (migration 0175), not its tables.
const COLUMNS = `c.id, c.owner_id, coalesce(own.full_name, '') as owner_name, c.category_id, cat.name as category_name, c.title, c.slug, c.code, c.description,
  c.level, c.status, c.price, c.currency, c.thumbnail_url, c.estimated_duration_minutes, c.session_duration_minutes,
  c.max_students, c.enrolled_count, c.schedule, c.has_certificate, c.published_at, c.created_at, c.updated_at,
  array(select ci.user_id from course_instructors ci where ci.course_id = c.id order by ci.created_at, ci.user_id) as instructor_ids,
  array(select t.name from course_tags ct join tags t on t.id = ct.tag_id where ct.course_id = c.id order by lower(t.name)) as tags`;

/**
 * The page statement. Ranked live by relevance from the first row, the total is a window count
 * over the matches the ranking reads anyway; otherwise (the term table's ranks included) the page
 * follows an index and the total is a separate count in the same statement (so a cursor never
 * narrows the total).
 */
function pageSql(shape: Shape): string {
  const keys = SORT_KEYS[shape.sort];
  const order = (alias: string) =>
    [...keys.map((key, i) => `${alias}.k${i}${key.desc ? ' desc' : ''}`), `${alias}.id`].join(', ');
  const windowCount = shape.sort === 'relevance' && !shape.cursor && !shape.terms;
  const total = windowCount ? 'p.total' : `(${totalSql(shape)}) as total`;
  const cursorKeys = `json_build_array(${[...keys.map((_, i) => `p.k${i}`), 'p.id'].join(', ')}) as cursor_keys`;
  return `select ${COLUMNS}, ${total}, ${cursorKeys}
    from (select m.*${windowCount ? ', count(*) over () as total' : ''} from (${matched(shape, true, !windowCount)}) m
          order by ${order('m')} limit {limit} offset {offset}) p
    join courses c on c.id = p.id
    left join identity_user_names own on own.id = c.owner_id
    left join categories cat on cat.id = c.category_id
    order by ${order('p')}`;
}

function countSql(shape: Shape): string {
  return totalSql(shape);
}

/** Compiles without a connection (pageStatement's SQL is the prepared statement's, with values in order). */
const compileOnly = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

type Statement = PreparedQuery<unknown[], Record<string, unknown>>;
const statements = new Map<string, Statement>();

/** The shape's statement, built and named once per process. */
function statementOf(kind: 'page' | 'count', shape: Shape): Statement {
  const key = `${kind}:${JSON.stringify(shape)}`;
  const known = statements.get(key);
  if (known) return known;
  const names = kind === 'page' ? argumentsOf(shape) : argumentsOf({ ...shape, cursor: false }).slice(0, -2);
  const text = kind === 'page' ? pageSql(shape) : countSql(shape);
  const statement = prepareQuery<unknown[], Record<string, unknown>>(
    `catalog_list_${statements.size}`,
    names.length,
    (db, ...slots) => {
      const args = Object.fromEntries(names.map((name, i) => [name, slots[i]]));
      return { compile: () => fill(text, args).compile(db) as CompiledQuery<Record<string, unknown>> };
    },
  );
  statements.set(key, statement);
  return statement;
}

/** The visibility paths for this viewer and filter; none when nothing can match. */
function pathsOf(viewer: ListViewer, filter: ListFilter): Path[] {
  if (filter.mine) return viewer.id ? ['staff'] : [];
  if (viewer.isAdmin) return ['all'];
  if (!viewer.id || filter.status === 'published')
    return filter.status && filter.status !== 'published' ? [] : ['published'];
  return filter.status ? ['own-unpublished'] : ['published', 'own-unpublished'];
}

/** The shape of a listing and its argument values by name; no paths when nothing can match. */
function planOf(viewer: ListViewer, filter: ListFilter, page: PageRequest, cursor?: CursorKeys) {
  const paths = pathsOf(viewer, filter);
  const filters = (['level', 'status', 'categoryIds', 'instructorId', 'tag', 'search'] as const).filter(
    (name) => filter[name] !== undefined,
  );
  const shape: Shape = {
    paths,
    filters,
    sort: filter.sort,
    cursor: cursor !== undefined,
    terms: termsServe(paths, filter),
  };
  const values: Args = {
    viewer: viewer.id,
    ...filter,
    tag: filter.tag?.toLowerCase(),
    limit: page.limit + 1,
    offset: page.offset,
  };
  cursor?.forEach((value, i) => (values[i === cursor.length - 1 ? 'key_id' : `key${i}`] = value));
  const args = (names: string[]) => names.map((name) => values[name]);
  return { shape, args };
}

export const courseListingRepo = {
  /** A page (with the row after it, to know whether more follow) and the total of matches. */
  async list<R>(
    db: Executor,
    viewer: ListViewer,
    filter: ListFilter,
    page: PageRequest,
    cursor?: CursorKeys,
  ): Promise<ListedPage<R>> {
    const { shape, args } = planOf(viewer, filter, page, cursor);
    if (shape.paths.length === 0) return { items: [], total: 0, next: null };
    const rows = await statementOf('page', shape).execute(db, ...args(argumentsOf(shape)));
    const more = rows.length > page.limit;
    const pageRows = more ? rows.slice(0, page.limit) : rows;
    let total = Number(pageRows[0]?.['total'] ?? 0);
    if (pageRows.length === 0 && (cursor || page.offset > 0)) {
      const countShape = { ...shape, cursor: false };
      const [row] = await statementOf('count', countShape).execute(db, ...args(argumentsOf(countShape).slice(0, -2)));
      total = Number(row?.['total'] ?? 0);
    }
    const items = pageRows.map(({ total: _total, cursor_keys: _keys, ...item }) => item as R);
    const next = more ? (pageRows.at(-1)!['cursor_keys'] as CursorKeys) : null;
    return { items, total, next };
  },

  /** The page statement of a listing with its values, for EXPLAIN (test/perf, bench/catalog.bench.ts). */
  pageStatement(
    viewer: ListViewer,
    filter: ListFilter,
    page: PageRequest,
    cursor?: CursorKeys,
  ): { sql: string; parameters: unknown[] } {
    const { shape, args } = planOf(viewer, filter, page, cursor);
    if (shape.paths.length === 0) throw new Error('This listing matches nothing: there is no statement');
    const names = argumentsOf(shape);
    const compiled = fill(pageSql(shape), Object.fromEntries(names.map((name) => [name, args([name])[0]]))).compile(
      compileOnly,
    );
    return { sql: compiled.sql, parameters: [...compiled.parameters] };
  },
};
