// Several jobs inserted inside the caller's transaction by one statement, sent as a named prepared
// statement: pg-boss's own insert of each job (captured, see `captureInsert`) becomes one CTE of
// it, its JSON parameter bound. PostgreSQL and PGlite parse and plan such a statement once per
// connection, where the multi-statement text with embedded literals (`enqueueStatements`) was
// parsed and planned on every call (~0.3 ms of PostgreSQL CPU per job).
import { createHash } from 'node:crypto';

import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';

import type { Executor, PreparedQuery } from '../db/index.ts';
import { prepareQuery } from '../db/index.ts';

/** pg-boss's insert of one job: its text (one parameter, `$1`, the job as JSON) and that parameter. */
export interface CapturedInsert {
  text: string;
  value: string;
  /** Inserted only if this SQL condition (no parameters) holds. */
  when?: string | undefined;
}

/** pg-boss reads the jobs to insert from `json_to_recordset($1::text::json)`. */
const PARAMETER = '$1::text::json';

/**
 * pg-boss's insert as text with its parameter, inserting nothing unless `when` holds: the jobs it
 * reads become an empty list (no pg-boss statement is rewritten beyond its input).
 */
export function onlyWhen(text: string, when: string | undefined): string {
  if (!when) return text;
  if (text.split(PARAMETER).length !== 2) throw new Error('Unexpected pg-boss insert statement');
  return text.replace(PARAMETER, () => `(case when ${when} then $1 else '[]' end)::text::json`);
}

/** Statement text → the prepared statement (the same text, the same statement, in every queue). */
const statements = new Map<string, PreparedQuery<string[], Record<string, number>>>();

/** Inserts the jobs in one statement; whether each one was inserted (false when its `when` did not hold). */
export async function insertJobs(db: Executor, inserts: readonly CapturedInsert[]): Promise<boolean[]> {
  const query = statementFor(inserts);
  const [counts] = await query.execute(db, ...inserts.map((insert) => insert.value));
  return inserts.map((_, index) => (counts?.[`j${index}`] ?? 0) > 0);
}

function statementFor(inserts: readonly CapturedInsert[]): PreparedQuery<string[], Record<string, number>> {
  const key = JSON.stringify(inserts.map(({ text, when }) => [text, when ?? null]));
  let query = statements.get(key);
  if (!query) {
    const name = `queue-insert-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
    query = prepareQuery(name, inserts.length, (db, ...values: string[]) => ({
      compile: () => combined(inserts, values).compile(db),
    }));
    statements.set(key, query);
  }
  return query;
}

/** `with j0 as (insert ...), j1 as (insert ...) select <rows inserted by each>` */
function combined(inserts: readonly CapturedInsert[], values: unknown[]): RawBuilder<Record<string, number>> {
  const ctes = inserts.map((insert, index) => {
    // A data-changing CTE must be a plain INSERT (pg-boss's NOTIFY variant is a WITH of its own).
    if (!/^\s*insert\b/i.test(insert.text) || insert.text.split(PARAMETER).length !== 2)
      throw new Error('Unexpected pg-boss insert statement');
    const [before, after] = insert.text.split(PARAMETER) as [string, string];
    const jobs = insert.when
      ? sql`(case when ${sql.raw(insert.when)} then ${values[index]} else '[]' end)`
      : sql`${values[index]}`;
    return sql`${sql.raw(`j${index}`)} as (${sql.raw(before)}${jobs}::text::json${sql.raw(after)})`;
  });
  const counts = inserts.map((_, index) => sql.raw(`(select count(*) from j${index})::int as j${index}`));
  return sql<Record<string, number>>`with ${sql.join(ctes)} select ${sql.join(counts)}`;
}
