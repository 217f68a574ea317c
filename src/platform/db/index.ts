// The database platform: embedded PGlite (default) or PostgreSQL, one Kysely handle over either.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

import type { Db, Tx } from './database.ts';
import { guardDialect, MissingTransactionError, transactionScope } from './guarded-dialect.ts';
import { namedStatementsDialect } from './pglite-statements.ts';
import { runPreparedDirectly, statementNameOf } from './prepared.ts';

export type { Database, Db, Executor, Tx } from './database.ts';
export { MissingTransactionError } from './guarded-dialect.ts';
export type { PreparedQuery } from './prepared.ts';
export { prepareQuery } from './prepared.ts';

/** Runs `callback` after the surrounding transaction commits, or now when there is none. */
export function afterCommit(callback: () => void): void {
  const scope = transactionScope.getStore();
  if (scope) scope.afterCommit.push(callback);
  else callback();
}

export type DatabaseOptions =
  { kind: 'pglite'; dir?: string; loadDataDir?: Blob } | { kind: 'postgres'; url: string; poolSize?: number };

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded instance (pg-boss reaches it through its PGlite adapter). */
  pglite: PGlite | undefined;
  url: string | undefined;
  /** Runs `work` in one transaction; every query inside must go through `tx`. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * PostgreSQL only: streams `COPY (...) TO STDOUT` on a pool connection of its own, released
   * when the stream ends or is destroyed. COPY takes no bind parameters: literals must be escaped.
   */
  copyOut: ((copySql: string) => Readable) | undefined;
}

// int8 (counts) as numbers; dates as plain 'YYYY-MM-DD' strings; numeric stays a string.
const INT8 = 20;
const DATE = 1082;
const PGLITE_SHARED_BUFFERS = '32MB';

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === 'pglite') return createPgliteDatabase(options);
  return createPostgresDatabase(options);
}

async function createPgliteDatabase(options: { dir?: string; loadDataDir?: Blob }): Promise<DatabaseHandle> {
  const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
  if (options.dir && !options.dir.startsWith('memory://') && !options.loadDataDir) {
    mkdirSync(options.dir, { recursive: true });
    if (!existsSync(join(options.dir, 'PG_VERSION'))) await initialisePgliteDirectory(options.dir, startParams);
  }
  const pglite = await PGlite.create({
    ...(options.dir ? { dataDir: options.dir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value },
    // PostgreSQL's 128 MB of shared buffers is sized for a server; the embedded database's files
    // sit in the OS page cache anyway. 32 MB cuts idle RSS by ~100 MiB (measured in issue 19).
    startParams,
  });
  const dialect = namedStatementsDialect(new PGliteDialect({ pglite }), pglite);
  const db = new Kysely({ dialect: guardDialect(dialect, true) }) as Db;
  return wrap(db, 'pglite', pglite, undefined, undefined);
}

/**
 * initdb in a child process: it leaves ~140 MiB behind in the process that runs it (its compiled
 * WebAssembly and what it allocated), which a first start would otherwise keep for good (idle
 * RSS 470 MiB against 335 after a restart, bench/memory.bench.ts).
 */
async function initialisePgliteDirectory(dir: string, startParams: string[]): Promise<void> {
  const script = fileURLToPath(new URL('pglite-initdb.ts', import.meta.url));
  const child = spawn(process.execPath, [script, dir, JSON.stringify(startParams)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`PGlite could not initialise ${dir}: ${stderr.trim() || `exit ${code}`}`);
}

async function createPostgresDatabase(options: { url: string; poolSize?: number }): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    Client: NamingClient,
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // While PostgreSQL is away a request waits at most this long for a connection.
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return (value: string) => Number(value);
        if (oid === DATE) return (value: string) => value;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Readiness reports the outage.
  });
  const db = new Kysely({ dialect: guardDialect(new PostgresDialect({ pool }), false) }) as Db;
  runPreparedDirectly(db, async (name, text, values) => {
    // The guarded driver's check: the root handle inside a transaction is a bug, not a query.
    if (transactionScope.getStore()) throw new MissingTransactionError();
    // As Kysely's driver does, and unlike pool.query: a failed statement (a constraint, say) does
    // not cost the connection, and the statement is sent from the caller's async context.
    const client = await pool.connect();
    try {
      return (await client.query({ name, text, values })).rows;
    } finally {
      client.release();
    }
  });
  return wrap(db, 'postgres', undefined, options.url, (copySql) => copyOut(pool, copySql));
}

/**
 * Sends the SQL of prepared queries (`prepareQuery`) as named statements: parsed and planned
 * once per connection instead of on every call. Every other statement stays unnamed.
 */
class NamingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // A connection lost while the client is checked out between two statements (inside a
    // transaction) is emitted as 'error' with no listener: that would end the process. The next
    // statement on this client fails instead, and the pool discards a client that is no longer
    // queryable when it comes back.
    this.on('error', () => undefined);
  }

  override query(...args: unknown[]): never {
    const [text, values] = args;
    const name = typeof text === 'string' && Array.isArray(values) ? statementNameOf(text) : undefined;
    const call = super.query as (...parameters: unknown[]) => never;
    return name ? call.call(this, { name, text, values }, ...args.slice(2)) : call.apply(this, args);
  }
}

function copyOut(pool: pg.Pool, copySql: string): Readable {
  const out = new PassThrough();
  void pool.connect().then(
    (client) => {
      const copy = client.query(copyTo(copySql));
      let released = false;
      const release = (error?: Error) => {
        if (released) return;
        released = true;
        // A COPY cut short leaves the connection mid-protocol: discard it rather than reuse it.
        client.release(error ?? (copy.readableEnded ? undefined : new Error('COPY stopped early')));
      };
      copy.on('error', (error) => {
        release(error);
        out.destroy(error);
      });
      copy.on('end', () => release());
      out.on('close', () => {
        if (!copy.readableEnded) copy.destroy();
        release();
      });
      copy.pipe(out);
    },
    (error: Error) => out.destroy(error),
  );
  return out;
}

function wrap(
  db: Db,
  kind: 'pglite' | 'postgres',
  pglite: PGlite | undefined,
  url: string | undefined,
  copy: DatabaseHandle['copyOut'],
): DatabaseHandle {
  return {
    db,
    kind,
    pglite,
    url,
    copyOut: copy,
    async transaction(work) {
      const scope = { afterCommit: [] as (() => void)[] };
      const result = await db.transaction().execute((tx) => transactionScope.run(scope, () => work(tx)));
      for (const callback of scope.afterCommit) callback();
      return result;
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}
