// Prepared queries (`prepareQuery`) on PGlite as named statements, like the PostgreSQL client.
//
// `pglite.query` parses and plans its SQL on every call and enters the WASM module six times
// (parse, describe, bind, describe, execute, sync). The auth check runs on every request, so on
// PGlite a named statement is parsed once per database, and each call is one batched
// Bind/Describe/Execute/Sync. The same locks as `pglite.query` are held (its transaction lock
// outside a transaction, its query lock inside one), so pg-boss's own use of the instance never
// interleaves with it. Every other statement goes through Kysely's PGlite connection unchanged.
import type { PGlite } from '@electric-sql/pglite';
import { parse, protocol } from '@electric-sql/pglite';
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';

import { statementNameOf } from './prepared.ts';

/** PostgreSQL's "prepared statement does not exist" (after a DEALLOCATE or DISCARD ALL). */
const UNDEFINED_STATEMENT = '26000';

export function namedStatementsDialect(inner: Dialect, pglite: PGlite): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => new NamingDriver(inner.createDriver(), createStatements(pglite)),
  };
}

interface Statements {
  run<R>(name: string, text: string, parameters: readonly unknown[], inTransaction: boolean): Promise<QueryResult<R>>;
}

function createStatements(pglite: PGlite): Statements {
  /** Statement name → its parameters' type oids, once parsed in this database. */
  const prepared = new Map<string, number[]>();
  const { serialize } = protocol;

  async function prepare(name: string, text: string): Promise<number[]> {
    // Close first: a statement of that name left by an earlier handle on this instance is replaced.
    const messages = await pglite.execProtocolStream(
      batch(
        serialize.close({ type: 'S', name }),
        serialize.parse({ name, text }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ),
      { syncToFs: false },
    );
    const types = parse.parseDescribeStatementResults(messages);
    prepared.set(name, types);
    return types;
  }

  async function execute<R>(name: string, text: string, parameters: readonly unknown[]): Promise<QueryResult<R>> {
    const types = prepared.get(name) ?? (await prepare(name, text));
    const values = parameters.map((value, index) => {
      if (value === null || value === undefined) return null;
      const serializer = pglite.serializers[types[index]!];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await pglite.execProtocolStream(
      batch(
        serialize.bind({ statement: name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ),
      { syncToFs: false },
    );
    const [result] = parse.parseResults(messages, pglite.parsers, { rowMode: 'object' });
    return {
      rows: (result?.rows ?? []) as R[],
      numAffectedRows: result?.affectedRows != null ? BigInt(result.affectedRows) : undefined,
    };
  }

  async function executeOrReprepare<R>(name: string, text: string, parameters: readonly unknown[]) {
    try {
      return await execute<R>(name, text, parameters);
    } catch (error) {
      if ((error as { code?: string }).code !== UNDEFINED_STATEMENT) throw error;
      prepared.delete(name);
      return execute<R>(name, text, parameters);
    }
  }

  return {
    async run(name, text, parameters, inTransaction) {
      // Inside a transaction its lock is already ours (Kysely's PGlite connection holds it).
      if (inTransaction) return pglite._runExclusiveQuery(() => executeOrReprepare(name, text, parameters));
      const result = await pglite._runExclusiveTransaction(() =>
        pglite._runExclusiveQuery(() => executeOrReprepare(name, text, parameters)),
      );
      // As pglite.query does after a statement outside a transaction (a no-op in memory).
      await pglite.syncToFs();
      return result as QueryResult<never>;
    },
  };
}

function batch(...messages: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(messages.reduce((length, message) => length + message.length, 0));
  let offset = 0;
  for (const message of messages) {
    out.set(message, offset);
    offset += message.length;
  }
  return out;
}

/** PGlite has one connection: this driver marks whether it is inside a transaction. */
class NamingDriver implements Driver {
  readonly #inner: Driver;
  readonly #statements: Statements;
  readonly #connections = new WeakMap<DatabaseConnection, NamingConnection>();

  constructor(inner: Driver, statements: Statements) {
    this.#inner = inner;
    this.#statements = statements;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.#inner.acquireConnection();
    let named = this.#connections.get(connection);
    if (!named) {
      named = new NamingConnection(connection, this.#statements);
      this.#connections.set(connection, named);
    }
    return named;
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection((connection as NamingConnection).inner);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const named = connection as NamingConnection;
    await this.#inner.beginTransaction(named.inner, settings);
    named.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const named = connection as NamingConnection;
    named.inTransaction = false;
    await this.#inner.commitTransaction(named.inner);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const named = connection as NamingConnection;
    named.inTransaction = false;
    await this.#inner.rollbackTransaction(named.inner);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

class NamingConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;
  readonly #statements: Statements;
  inTransaction = false;

  constructor(inner: DatabaseConnection, statements: Statements) {
    this.inner = inner;
    this.#statements = statements;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const name = statementNameOf(query.sql);
    if (!name) return this.inner.executeQuery(query);
    return this.#statements.run(name, query.sql, query.parameters, this.inTransaction);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery(query, chunkSize);
  }
}
