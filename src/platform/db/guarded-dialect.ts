// Wraps a Kysely dialect so that (1) PGlite's single connection is used by one caller at a
// time, and (2) a query issued through the root `db` while the same async flow is inside a
// transaction fails at once with MissingTransactionError instead of hanging (PGlite) or
// silently running outside the transaction (PostgreSQL).
import { AsyncLocalStorage } from 'node:async_hooks';

import type { DatabaseConnection, Dialect, Driver, Kysely, TransactionSettings } from 'kysely';

export interface TransactionScope {
  /** Callbacks to run once the transaction has committed (e.g. waking queue workers). */
  afterCommit: (() => void)[];
}

export const transactionScope = new AsyncLocalStorage<TransactionScope>();

export class MissingTransactionError extends Error {
  constructor() {
    super('A query used the root database handle inside a transaction; pass `tx` to it');
  }
}

export function guardDialect(inner: Dialect, serialize: boolean): Dialect {
  return {
    // Serialisation moves from Kysely's own connection mutex into GuardedDriver, so the guard
    // runs before a caller starts waiting for the single connection.
    createAdapter: () => {
      const adapter = inner.createAdapter();
      return serialize ? Object.create(adapter, { supportsMultipleConnections: { value: true } }) : adapter;
    },
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => inner.createIntrospector(db),
    createDriver: () => new GuardedDriver(inner.createDriver(), serialize),
  };
}

class GuardedDriver implements Driver {
  readonly #inner: Driver;
  readonly #serialize: boolean;
  #tail: Promise<void> = Promise.resolve();
  readonly #releases = new Map<DatabaseConnection, () => void>();

  constructor(inner: Driver, serialize: boolean) {
    this.#inner = inner;
    this.#serialize = serialize;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (transactionScope.getStore()) throw new MissingTransactionError();
    if (!this.#serialize) return this.#inner.acquireConnection();
    let release!: () => void;
    const previous = this.#tail;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const connection = await this.#inner.acquireConnection();
    this.#releases.set(connection, release);
    return connection;
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    const release = this.#releases.get(connection);
    this.#releases.delete(connection);
    release?.();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}
