// Counts the database round trips and commits of the surge, per student, at the driver.
//
// Method: every statement the process sends is counted where it leaves for the database: on
// PostgreSQL at `pg.Client.prototype.query` (the app's pool and pg-boss's pool both use it; BEGIN
// and COMMIT are statements of their own there), on PGlite at the instance's `query`/`exec`,
// `transaction` (which runs BEGIN and COMMIT as two more calls) and the named statements' Bind
// batches (see countPglite). A statement is charged to the surge's requests when it is sent from
// inside an HTTP request's async context (the server's `request` listener is wrapped in an
// AsyncLocalStorage); anything else (the in-process queue worker: event handlers, pg-boss polling
// and bookkeeping) is counted apart as background.
// A commit is a COMMIT statement, or a data-changing statement sent outside a transaction
// (autocommit); read-only statements outside a transaction are not counted as commits.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Server } from 'node:http';

import type { PGlite, Transaction } from '@electric-sql/pglite';
import pg from 'pg';

export interface RoundTripCounts {
  request: { statements: number; commits: number };
  background: { statements: number; commits: number };
}

const context = new AsyncLocalStorage<'request' | 'ignored'>();
const counts: RoundTripCounts = {
  request: { statements: 0, commits: 0 },
  background: { statements: 0, commits: 0 },
};
const WRITE = /^\s*(with\b[\s\S]*\b(insert|update|delete)\b|insert\b|update\b|delete\b)/i;
const openTransactions = new WeakSet<object>();

function count(connection: object, text: string, inTransaction?: boolean): void {
  const where = context.getStore();
  if (where === 'ignored') return;
  const bucket = where === 'request' ? counts.request : counts.background;
  bucket.statements++;
  const verb = text.trimStart().slice(0, 8).toLowerCase();
  if (verb.startsWith('begin')) openTransactions.add(connection);
  else if (verb.startsWith('commit') || verb.startsWith('rollback')) {
    openTransactions.delete(connection);
    if (verb.startsWith('commit')) bucket.commits++;
  } else if (!(inTransaction ?? openTransactions.has(connection)) && WRITE.test(text)) bucket.commits++;
}

let pgPatched = false;

/** Counts every statement sent through node-postgres in this process (idempotent). */
export function countPostgres(): void {
  if (pgPatched) return;
  pgPatched = true;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
    this: object,
    ...args: unknown[]
  ) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
    count(this, text);
    return original.apply(this, args);
  };
}

/** Counts every statement sent to this PGlite instance; a transaction adds its BEGIN and COMMIT. */
export function countPglite(pglite: PGlite): void {
  const query = pglite.query.bind(pglite);
  const exec = pglite.exec.bind(pglite);
  const transaction = pglite.transaction.bind(pglite);
  const stream = pglite.execProtocolStream.bind(pglite);
  const self = pglite as unknown as Record<string, unknown>;
  // Prepared queries run as named statements (src/platform/db/pglite-statements.ts): a Parse
  // once per name, then one Bind/Describe/Execute/Sync batch per call, counted here by the
  // statement name its Bind carries (pglite.query's own steps bind the unnamed statement).
  const named = new Map<string, string>();
  self['execProtocolStream'] = (message: Uint8Array, ...rest: unknown[]) => {
    const parse = messageAt(message, 0x50);
    if (parse) {
      const [name, text] = cStrings(message, parse, 2);
      named.set(name!, text!);
    } else if (message[0] === 0x42) {
      const [, statement] = cStrings(message, 5, 2);
      // PGlite knows whether its one connection is inside a transaction (BEGIN may come from pg-boss's adapter).
      if (statement) count(pglite, named.get(statement) ?? '', pglite.isInTransaction());
    }
    return (stream as (...args: unknown[]) => unknown)(message, ...rest);
  };
  self['query'] = (text: string, ...rest: unknown[]) => {
    count(pglite, text);
    return (query as (...args: unknown[]) => unknown)(text, ...rest);
  };
  self['exec'] = (text: string, ...rest: unknown[]) => {
    count(pglite, text);
    return (exec as (...args: unknown[]) => unknown)(text, ...rest);
  };
  self['transaction'] = <T>(work: (tx: Transaction) => Promise<T>) => {
    const marker = {};
    count(marker, 'begin');
    return transaction(async (tx) => {
      const txQuery = tx.query.bind(tx);
      (tx as unknown as Record<string, unknown>)['query'] = (text: string, ...rest: unknown[]) => {
        count(marker, text);
        return (txQuery as (...args: unknown[]) => unknown)(text, ...rest);
      };
      return work(tx);
    }).then(
      (result) => {
        count(marker, 'commit');
        return result;
      },
      (error: unknown) => {
        count(marker, 'rollback');
        throw error;
      },
    );
  };
}

/** The offset of the body of the first protocol message of this type in a batch, if any. */
function messageAt(batch: Uint8Array, type: number): number | undefined {
  const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength);
  for (let offset = 0; offset + 5 <= batch.length; offset += 1 + view.getInt32(offset + 1)) {
    if (batch[offset] === type) return offset + 5;
  }
  return undefined;
}

/** `count` NUL-terminated strings from `offset`. */
function cStrings(bytes: Uint8Array, offset: number, count: number): string[] {
  const strings: string[] = [];
  for (let start = offset; strings.length < count;) {
    const end = bytes.indexOf(0, start);
    strings.push(Buffer.from(bytes.subarray(start, end)).toString('utf8'));
    start = end + 1;
  }
  return strings;
}

/** Marks every request of this server, so its statements are told apart from background work. */
export function markRequests(server: Server): void {
  const listeners = server.listeners('request') as ((...args: unknown[]) => void)[];
  server.removeAllListeners('request');
  for (const listener of listeners) server.on('request', (...args) => context.run('request', () => listener(...args)));
}

/** Runs `work` without counting its statements (the bench's own checks). */
export function uncounted<T>(work: () => Promise<T>): Promise<T> {
  return context.run('ignored', work);
}

/** Zeroes the counters and returns a function reading what was counted since. */
export function startCounting(): () => RoundTripCounts {
  for (const bucket of [counts.request, counts.background]) {
    bucket.statements = 0;
    bucket.commits = 0;
  }
  return () => structuredClone(counts);
}
