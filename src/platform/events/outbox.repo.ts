// Every SQL statement about the events outbox: a published event waiting for the relay to move it
// into its subscribers' queues (outbox-relay.ts).
import { createHash } from 'node:crypto';

import type { Generated, RawBuilder } from 'kysely';
import { sql } from 'kysely';
import pg from 'pg';

import type { Executor, PreparedQuery } from '../db/index.ts';
import { prepareQuery } from '../db/index.ts';

export interface EventOutboxTable {
  id: Generated<number>;
  queues: string[];
  event: unknown;
}

declare module '../db/database.ts' {
  interface Database {
    event_outbox: EventOutboxTable;
  }
}

/** Where events of one type go: these queues always, those while their SQL condition holds. */
export interface Route {
  queues: string[];
  conditional: { queue: string; when: string }[];
}

export interface OutboxRow {
  queues: string[];
  event: unknown;
}

/** The route's queues as a SQL text[] (its conditions evaluated); the names are literals. */
function queuesSql(route: Route): string {
  const literal = (queue: string) => `'${queue.replaceAll("'", "''")}'`;
  const always = `array[${route.queues.map(literal).join(', ')}]::text[]`;
  if (route.conditional.length === 0) return always;
  const cases = route.conditional.map(({ queue, when }) => `case when (${when}) then ${literal(queue)} end`);
  return `${always} || array_remove(array[${cases.join(', ')}]::text[], null)`;
}

/** The publishing insert of each route (its queues and conditions are in its text), by that text. */
const inserts = new Map<string, PreparedQuery<[string], unknown>>();

const routeSql = new WeakMap<Route, string>();

function queuesOf(route: Route): string {
  let queues = routeSql.get(route);
  if (queues === undefined) routeSql.set(route, (queues = queuesSql(route)));
  return queues;
}

function insertOf(route: Route): PreparedQuery<[string], unknown> {
  const queues = queuesOf(route);
  let query = inserts.get(queues);
  if (!query) {
    const name = `events_outbox_insert_${createHash('sha256').update(queues).digest('hex').slice(0, 16)}`;
    query = prepareQuery(name, 1, (db, event: string) => ({
      compile: () =>
        sql`insert into event_outbox (queues, event)
          select routed.queues, ${event}::json from (select ${sql.raw(queues)} as queues) routed
          where cardinality(routed.queues) > 0`.compile(db),
    }));
    inserts.set(queues, query);
  }
  return query;
}

const take = prepareQuery('events_outbox_take', 1, (db, limit: number) => ({
  compile: () =>
    sql<OutboxRow & { id: number }>`delete from event_outbox where id in (
        select id from event_outbox order by id limit ${limit}::int for update skip locked)
      returning id, queues, event`.compile(db),
}));

/** The parts of an event a statement builds itself (see `EventBus.insertSql`). */
export interface EventSql {
  /** What the event is built from: the statement's own CTEs, e.g. sql`up join e on true`. */
  from: RawBuilder<unknown>;
  /** When the event happened (its row is inserted only then). */
  where: RawBuilder<boolean>;
  /** The payload: a SQL json(b) object over `from`. */
  data: RawBuilder<unknown>;
  /** ISO 8601 text (the caller's clock). */
  occurredAt: RawBuilder<string>;
}

export const outboxRepo = {
  /**
   * SQL inserting an event into the outbox from inside a caller's statement (a data-changing CTE
   * of it): one row per row of `from` where `where` holds and some queue remains, with a new id.
   */
  insertSql(route: Route | null, type: string, event: EventSql): RawBuilder<unknown> {
    if (!route) return sql`select 1 where false`;
    return sql`insert into event_outbox (queues, event)
      select routed.queues, json_build_object('id', gen_random_uuid(), 'type', ${sql.lit(type)}::text,
        'occurredAt', ${event.occurredAt}, 'data', ${event.data})
      from ${event.from} cross join lateral (select ${sql.raw(queuesOf(route))} as queues) routed
      where (${event.where}) and cardinality(routed.queues) > 0
      returning 1`;
  },

  /** Stores the event (JSON) for the route's queues; nothing when no queue's condition holds. */
  async insert(db: Executor, route: Route, event: string): Promise<void> {
    await insertOf(route).execute(db, event);
  },

  /**
   * Deletes and returns the oldest waiting events, oldest first, skipping rows another relay has
   * taken (its transaction holds them). Inside the transaction that enqueues them.
   */
  async take(db: Executor, limit: number): Promise<OutboxRow[]> {
    const rows = await take.execute(db, limit);
    return rows.sort((a, b) => Number(a.id) - Number(b.id));
  },

  /**
   * `insert` as SQL without parameters (the event as an escaped literal), for a caller sending it
   * after its own write in one multi-statement query.
   */
  insertStatement(route: Route, event: string): string {
    return `insert into event_outbox (queues, event)
      select routed.queues, ${pg.escapeLiteral(event)}::json from (select ${queuesOf(route)} as queues) routed
      where cardinality(routed.queues) > 0`;
  },

  /** Whether any event waits (a cheap look before a relay's transaction). */
  async any(db: Executor): Promise<boolean> {
    const row = await db.selectFrom('event_outbox').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  },

  async count(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('event_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },
};
