// Hot queries built and compiled once, and sent as named prepared statements on PostgreSQL.
//
// Building a Kysely query and compiling it costs ~14 µs per call; reusing the compiled SQL with
// fresh values costs well under 1 µs. On PostgreSQL an unnamed statement is parsed and planned on
// every execution (the auth check's join: planning 0.4 ms, execution 0.06 ms); a named statement
// is parsed once per connection, and PostgreSQL switches to a cached generic plan when it is as
// good. PGlite keeps them as named statements of its one connection too (pglite-statements.ts).
//
// A prepared query is written as an ordinary repository query over its arguments. Each argument
// must end up as one bound value: use `= any(arg)` rather than `in arg` for lists, since the
// query is built once with placeholders, not with the values.
import type { Compilable } from 'kysely';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';

import type { Database, Executor } from './database.ts';

/** Where an argument goes in the compiled parameters. */
class Slot {
  readonly index: number;
  constructor(index: number) {
    this.index = index;
  }
}

/** A Kysely that only builds and compiles (the recipe from Kysely's documentation). */
const builder = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** SQL text → statement name; the PostgreSQL client sends these texts as named statements. */
const statementNames = new Map<string, string>();

export function statementNameOf(text: string): string | undefined {
  return statementNames.get(text);
}

export interface PreparedQuery<A extends unknown[], R> {
  readonly name: string;
  readonly sql: string;
  /** Every row. */
  execute(db: Executor, ...args: A): Promise<R[]>;
  /** The first row, or undefined. */
  takeFirst(db: Executor, ...args: A): Promise<R | undefined>;
}

/**
 * Builds `build(builder, ...placeholders)` once and returns a query run with real arguments.
 * `name` must be unique (it names the statement on every PostgreSQL connection).
 */
export function prepareQuery<A extends unknown[], R>(
  name: string,
  arity: A['length'],
  build: (db: Kysely<Database>, ...args: A) => Compilable<R>,
): PreparedQuery<A, R> {
  const placeholders = Array.from({ length: arity }, (_, index) => new Slot(index)) as unknown as A;
  const compiled = build(builder, ...placeholders).compile();
  const template = [...compiled.parameters];
  const slots: [position: number, argument: number][] = [];
  template.forEach((value, position) => {
    if (value instanceof Slot) slots.push([position, value.index]);
  });
  if (new Set(slots.map(([, argument]) => argument)).size !== arity) {
    throw new Error(`Prepared query ${name}: every argument must be bound exactly as a value`);
  }
  const known = [...statementNames].find(([, existing]) => existing === name);
  if (known && known[0] !== compiled.sql) throw new Error(`Prepared query name ${name} is used twice`);
  statementNames.set(compiled.sql, name);

  const valuesOf = (args: A): unknown[] => {
    const parameters = template.slice();
    for (const [position, argument] of slots) parameters[position] = args[argument];
    return parameters;
  };
  const run = async (db: Executor, args: A): Promise<R[]> => {
    const direct = directRunners.get(db);
    if (direct) return (await direct(name, compiled.sql, valuesOf(args))) as R[];
    return (await db.executeQuery<R>({ ...compiled, parameters: valuesOf(args) })).rows;
  };
  return {
    name,
    sql: compiled.sql,
    execute: (db, ...args) => run(db, args),
    async takeFirst(db, ...args) {
      return (await run(db, args))[0];
    },
  };
}

/** Runs a named statement outside any transaction and returns its rows. */
export type DirectRunner = (name: string, text: string, values: unknown[]) => Promise<unknown[]>;

const directRunners = new WeakMap<Executor, DirectRunner>();

/**
 * Prepared queries on this root handle (never a transaction's) go straight to `runner`: on
 * PostgreSQL a pool connection checked out and back, without Kysely's executor, connection
 * provider and driver layers (~7 µs of a GET /users/me's ~300 µs of CPU in a profile). The
 * runner keeps the driver's checks (see createPostgresDatabase).
 */
export function runPreparedDirectly(db: Executor, runner: DirectRunner): void {
  directRunners.set(db, runner);
}
