// Domain events: what happened in one module, for other modules (notifications, analytics, ...)
// to react to. Published inside the business transaction as one row of the outbox naming the
// subscriber queues it goes to (a transactional outbox): an event exists exactly when the change
// that caused it committed. The relay (outbox-relay.ts) turns rows into one job per subscriber,
// in batches, right after the commit in the publishing process and at each poll of every process
// that works. Each subscriber has its own queue, `events.<subscriber>`, retried with backoff, and
// handles an event in a transaction with a "processed (subscriber, event id)" mark: a handler
// that throws rolls its work and the mark back and runs again; a delivery after a committed run
// does nothing.
// Handling is therefore at least once, with effects once per event and subscriber. There is no
// order between events: two published in one transaction, or a retried one, may be handled
// either way round, so a handler reads the current state when order matters.
// A fetched batch of a subscriber's events is handled in one transaction with one statement for
// its marks; if anything in it throws, the whole transaction rolls back and each event of the
// batch runs again in a transaction of its own, so only the failing event is retried.
// Publishing is one prepared insert; a subscriber that ignores most events says by a SQL
// condition (`wants`) when it may want one, and is left out of the event's row otherwise.
import { randomUUID } from 'node:crypto';

import type { FastifyBaseLogger } from 'fastify';
import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';

import type { Clock } from '../clock.ts';
import type { DatabaseHandle, Tx } from '../db/index.ts';
import { afterCommit } from '../db/index.ts';
import type { Queue } from '../queue/index.ts';
import { outcomeOf } from '../queue/index.ts';
import type { EventSql, Route } from './outbox.repo.ts';
import { outboxRepo } from './outbox.repo.ts';
import { createOutboxRelay } from './outbox-relay.ts';
import { processedEventsRepo } from './processed-events.repo.ts';

/**
 * Event type → payload. Each module adds its events in `<module>.events.ts`:
 * `declare module '../../platform/events/index.ts' { interface EventMap { 'catalog.course.created': ... } }`.
 * Payloads are JSON (dates as ISO strings): ids and the few facts a subscriber needs, no secrets.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventMap {}

export type EventType = keyof EventMap & string;

export interface DomainEvent<K extends EventType = EventType> {
  id: string;
  type: K;
  /** ISO 8601, from the injected clock. */
  occurredAt: string;
  data: EventMap[K];
}

export interface EventBus {
  /** Inside the business transaction: stores the event in the outbox; each subscriber of `type` gets a queue job once it committed. */
  publish<K extends EventType>(tx: Tx, type: K, data: EventMap[K]): Promise<void>;
  /**
   * Outside any transaction: runs `statement` (SQL without parameters, values as escaped literals)
   * and publishes the event, as one transaction sent in one round trip (one multi-statement query).
   */
  writeAndPublish<K extends EventType>(statement: string, type: K, data: EventMap[K]): Promise<void>;
  /**
   * For a statement that writes and publishes at once (it may then run without a transaction
   * around it): SQL inserting an event of `type` into the outbox, built by the statement itself,
   * to put in a data-changing CTE of it (see outbox.repo.ts's `EventSql`). Once the statement
   * committed having inserted a row, call `published()`.
   */
  insertSql<K extends EventType>(type: K, event: EventSql): RawBuilder<unknown>;
  /** After a statement from `insertSql` committed an event: the relay runs soon. */
  published(): void;
  /** Before the queue starts. `subscriber` is a stable name ('notifications', 'analytics', ...). The handler runs in a transaction together with a "processed (subscriber, event id)" mark, so a retried job whose first run committed does nothing: effectively once per event and subscriber. */
  subscribe<K extends EventType>(
    subscriber: string,
    types: K | readonly K[],
    handler: (event: DomainEvent<K>, tx: Tx) => Promise<void>,
    options?: SubscribeOptions<K>,
  ): void;
  /**
   * `subscribe` with a handler that takes several events at once (one statement for a fetched
   * batch instead of one per event): called once per delivered batch with the events of these
   * types in it, inside the batch's transaction; a retried event comes alone.
   */
  subscribeMany<K extends EventType>(
    subscriber: string,
    types: K | readonly K[],
    handler: (events: DomainEvent<K>[], tx: Tx) => Promise<void>,
    options?: SubscribeOptions<K>,
  ): void;
}

export interface SubscribeOptions<K extends EventType> {
  /**
   * For a subscriber that ignores most events (webhooks nobody registered for): SQL without
   * parameters, true when the subscriber may want an event of this type. The statement that
   * publishes the event evaluates it inside the publishing transaction and leaves the subscriber out
   * when it is false, so the subscriber gets every event published after the condition became
   * true (committed), across processes, without a cache to invalidate.
   */
  wants?: (type: K) => string;
  /**
   * For a quick handler that only writes to the database (the analytics recorder): the outbox
   * relay runs it, with its processed marks, in the transaction that takes the events out of the
   * outbox, instead of queueing a job per event (insert, fetch and completion of a pg-boss row).
   * If it throws, that batch's events go through the queue instead, retried as any other.
   */
  inRelay?: boolean;
}

export type { EventSql } from './outbox.repo.ts';

/** What a module that only emits events receives. */
export type EventPublisher = Pick<EventBus, 'publish'>;

export interface EventBusDeps {
  database: DatabaseHandle;
  queue: Queue;
  clock: Clock;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}

/** The queue of one subscriber. */
export const subscriberQueue = (subscriber: string) => `events.${subscriber}`;
export const EVENTS_CLEANUP_JOB = 'events.cleanup';

/** Processed marks are kept this long: far beyond the last retry of any event job. */
const MARK_RETENTION_DAYS = 30;
const SUBSCRIBER_NAME = /^[a-z][a-z0-9_-]{0,62}$/;

/** Every handler takes a list; a one-event handler is called once per event of it. */
type Handler = (events: DomainEvent[], tx: Tx) => Promise<void>;

export function createEventBus({ database, queue, clock, log }: EventBusDeps): EventBus {
  /** subscriber → event type → handler */
  const subscribers = new Map<string, Map<string, Handler>>();
  /** subscriber → event type → its `wants` condition */
  const conditions = new Map<string, Map<string, string>>();

  function handlerOf(subscriber: string, event: DomainEvent): Handler | undefined {
    const handler = subscribers.get(subscriber)?.get(event.type);
    // Queued before a deploy that dropped this subscription: nobody here wants it any more.
    if (!handler) log.warn({ subscriber, event: event.type, eventId: event.id }, 'event without a handler dropped');
    return handler;
  }

  async function deliver(subscriber: string, event: DomainEvent): Promise<void> {
    const handler = handlerOf(subscriber, event);
    if (!handler) return;
    await database.transaction(async (tx) => {
      if (!(await processedEventsRepo.mark(tx, subscriber, event.id, clock.now()))) return;
      await handler([event], tx);
    });
  }

  /** Every event of the batch in one transaction; throws (having changed nothing) if any handler does. */
  async function deliverTogether(subscriber: string, batch: DomainEvent[]): Promise<void> {
    await database.transaction((tx) => handleIn(tx, subscriber, batch));
  }

  /** The subscriber's handlers of these events with their marks, inside `tx`. */
  async function handleIn(tx: Tx, subscriber: string, batch: DomainEvent[]): Promise<void> {
    const handled = batch.flatMap((event) => {
      const handler = handlerOf(subscriber, event);
      return handler ? [{ event, handler }] : [];
    });
    const ids = handled.map(({ event }) => event.id);
    const fresh = await processedEventsRepo.markMany(tx, subscriber, ids, clock.now());
    const byHandler = new Map<Handler, DomainEvent[]>();
    for (const { event, handler } of handled) {
      // A job delivered twice in one batch runs once.
      if (!fresh.delete(event.id)) continue;
      const events = byHandler.get(handler);
      if (events) events.push(event);
      else byHandler.set(handler, [event]);
    }
    for (const [handler, events] of byHandler) await handler(events, tx);
  }

  /** Each event's error, if it failed (its job is retried alone). */
  async function deliverBatch(subscriber: string, batch: DomainEvent[]): Promise<(Error | undefined)[]> {
    if (batch.length > 1) {
      const error = await outcomeOf(() => deliverTogether(subscriber, batch));
      if (!error) return batch.map(() => undefined);
      log.info({ err: error, subscriber, events: batch.length }, 'event batch rolled back; delivering one by one');
    }
    const outcomes: (Error | undefined)[] = [];
    for (const event of batch) outcomes.push(await outcomeOf(() => deliver(subscriber, event)));
    return outcomes;
  }

  queue.define<object>({
    name: EVENTS_CLEANUP_JOB,
    cron: '17 3 * * *',
    retryLimit: 3,
    async handle() {
      const before = new Date(clock.now().getTime() - MARK_RETENTION_DAYS * 86_400_000);
      const deleted = await processedEventsRepo.deleteOlderThan(database.db, before);
      log.info({ deleted }, 'old processed-event marks deleted');
    },
  });

  /** Event type → its route in the outbox (built at its first publish, after every subscription). */
  const routes = new Map<string, Route | null>();

  function routeOf(type: EventType): Route | null {
    let route = routes.get(type);
    if (route === undefined) {
      const queues: string[] = [];
      const conditional: Route['conditional'] = [];
      for (const [subscriber, handlers] of subscribers) {
        if (!handlers.has(type)) continue;
        const when = conditions.get(subscriber)?.get(type);
        if (when) conditional.push({ queue: subscriberQueue(subscriber), when });
        else queues.push(subscriberQueue(subscriber));
      }
      route = queues.length + conditional.length > 0 ? { queues, conditional } : null;
      routes.set(type, route);
    }
    return route;
  }

  /** Subscribers whose events the relay handles itself (`inRelay`). */
  const inRelay = new Set<string>();
  queue.addFeeder(
    createOutboxRelay({
      database,
      queue,
      log,
      handlerIn(queueName) {
        const subscriber = queueName.slice(subscriberQueue('').length);
        if (!queueName.startsWith(subscriberQueue('')) || !inRelay.has(subscriber)) return undefined;
        return (events, tx) => handleIn(tx, subscriber, events as DomainEvent[]);
      },
    }),
  );

  const eventOf = (type: EventType, data: unknown): DomainEvent =>
    ({ id: randomUUID(), type, occurredAt: clock.now().toISOString(), data }) as DomainEvent;

  /** SQL without parameters (values as escaped literals) publishing the event; empty when nobody subscribes. */
  function publishStatement(type: EventType, data: unknown): string {
    const route = routeOf(type);
    return route ? outboxRepo.insertStatement(route, JSON.stringify(eventOf(type, data))) : '';
  }

  return {
    async publish(tx, type, data) {
      // One outbox row for every subscriber, inside the business transaction; the relay makes
      // the jobs, right after the commit in this process.
      const route = routeOf(type);
      if (!route) return;
      await outboxRepo.insert(tx, route, JSON.stringify(eventOf(type, data)));
      afterCommit(() => queue.feedSoon());
    },

    async writeAndPublish(statement, type, data) {
      const publishing = publishStatement(type, data);
      await runScript(database, publishing ? `${statement};\n${publishing}` : statement);
      // The script cannot tell whether its insert wrote a row. An event whose subscribers all
      // have conditions (a sign-in: webhooks only) usually writes none, so the poll relays it
      // (≤ 0.5 s) rather than a wake after every sign-in reading an empty outbox.
      if (publishing && routeOf(type)!.queues.length > 0) queue.feedSoon();
    },

    insertSql(type, event) {
      return outboxRepo.insertSql(routeOf(type), type, event);
    },

    published() {
      afterCommit(() => queue.feedSoon());
    },

    subscribe(subscriber, types, handler, options) {
      const each = handler as (event: DomainEvent, tx: Tx) => Promise<void>;
      addHandler(
        subscriber,
        types,
        async (events, tx) => {
          for (const event of events) await each(event, tx);
        },
        options,
      );
    },

    subscribeMany(subscriber, types, handler, options) {
      addHandler(subscriber, types, handler as Handler, options);
    },
  };

  function addHandler<K extends EventType>(
    subscriber: string,
    types: K | readonly K[],
    handler: Handler,
    options: SubscribeOptions<K> = {},
  ): void {
    if (!SUBSCRIBER_NAME.test(subscriber)) throw new Error(`Invalid event subscriber name "${subscriber}"`);
    routes.clear();
    let handlers = subscribers.get(subscriber);
    if (!handlers) {
      handlers = new Map();
      subscribers.set(subscriber, handlers);
      queue.define<DomainEvent>({
        name: subscriberQueue(subscriber),
        handle: (event) => deliver(subscriber, event),
        handleBatch: (batch) => deliverBatch(subscriber, batch),
        retryLimit: 12,
        retryDelaySeconds: 1,
        expireInSeconds: 300,
        batchSize: 20,
      });
    }
    if (options.inRelay) inRelay.add(subscriber);
    for (const type of typeof types === 'string' ? [types] : types) {
      if (handlers.has(type)) throw new Error(`${subscriber} already handles ${type}`);
      handlers.set(type, handler);
      if (options.wants) setIn(conditions, subscriber, type, options.wants(type));
    }
  }
}

function setIn(map: Map<string, Map<string, string>>, key: string, type: string, value: string): void {
  const inner = map.get(key) ?? new Map<string, string>();
  map.set(key, inner.set(type, value));
}

/**
 * Several statements without parameters in one round trip, run by the database as one implicit
 * transaction (PostgreSQL's simple query protocol; PGlite's `exec`). Through the root handle, so
 * a call inside a transaction fails at once (MissingTransactionError) instead of hanging on PGlite.
 */
async function runScript(database: DatabaseHandle, script: string): Promise<void> {
  const { pglite } = database;
  if (pglite) await database.db.connection().execute(async () => void (await pglite.exec(script)));
  else await sql.raw(script).execute(database.db);
}
