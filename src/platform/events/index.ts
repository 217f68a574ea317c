// Domain events: what happened in one module, for other modules (notifications, analytics, ...)
// to react to. Published inside the business transaction as queue jobs, one per subscriber
// (a transactional outbox): an event exists exactly when the change that caused it committed.
// Each subscriber has its own queue, `events.<subscriber>`, retried with backoff, and handles an
// event in a transaction with a "processed (subscriber, event id)" mark: a handler that throws
// rolls its work and the mark back and runs again; a delivery after a committed run does nothing.
// Handling is therefore at least once, with effects once per event and subscriber. There is no
// order between events: two published in one transaction, or a retried one, may be handled
// either way round, so a handler reads the current state when order matters.
// A fetched batch of a subscriber's events is handled in one transaction with one statement for
// its marks; if anything in it throws, the whole transaction rolls back and each event of the
// batch runs again in a transaction of its own, so only the failing event is retried.
// Publishing inserts every subscriber's job with one prepared statement; a subscriber that ignores
// most events says by a SQL condition (`wants`) when it may want one, and gets no job otherwise.
import { randomUUID } from 'node:crypto';

import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';

import type { Clock } from '../clock.ts';
import type { DatabaseHandle, Tx } from '../db/index.ts';
import type { Queue, QueuedJob } from '../queue/index.ts';
import { outcomeOf } from '../queue/index.ts';
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
  /** Inside the business transaction: each subscriber of `type` gets a queue job in the same transaction (transactional outbox). */
  publish<K extends EventType>(tx: Tx, type: K, data: EventMap[K]): Promise<void>;
  /**
   * Outside any transaction: runs `statement` (SQL without parameters, values as escaped literals)
   * and publishes the event, as one transaction sent in one round trip (one multi-statement query).
   */
  writeAndPublish<K extends EventType>(statement: string, type: K, data: EventMap[K]): Promise<void>;
  /**
   * The queue jobs `publish` would send (one per subscriber of `type`), for a caller that enqueues
   * them in the same single statement batch as its change (see `Queue.enqueueStatements`).
   */
  jobsFor<K extends EventType>(type: K, data: EventMap[K]): EventJob[];
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
   * enqueues the event's job evaluates it inside the publishing transaction and enqueues nothing
   * when it is false, so the subscriber gets every event published after the condition became
   * true (committed), across processes, without a cache to invalidate.
   */
  wants?: (type: K) => string;
}

/** One subscriber's queue job for one event. */
export interface EventJob extends QueuedJob {
  data: DomainEvent;
}

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
    const handled = batch.flatMap((event) => {
      const handler = handlerOf(subscriber, event);
      return handler ? [{ event, handler }] : [];
    });
    await database.transaction(async (tx) => {
      const ids = handled.map(({ event }) => event.id);
      const fresh = await processedEventsRepo.markMany(tx, subscriber, ids, clock.now());
      const byHandler = new Map<Handler, DomainEvent[]>();
      for (const { event, handler } of handled) {
        // A job delivered twice in one batch runs once.
        if (fresh.delete(event.id)) byHandler.set(handler, [...(byHandler.get(handler) ?? []), event]);
      }
      for (const [handler, events] of byHandler) await handler(events, tx);
    });
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

  function jobsFor(type: EventType, data: unknown): EventJob[] {
    const event = { id: randomUUID(), type, occurredAt: clock.now().toISOString(), data } as DomainEvent;
    return [...subscribers]
      .filter(([, handlers]) => handlers.has(type))
      .map(([subscriber]) => ({
        name: subscriberQueue(subscriber),
        data: event,
        when: conditions.get(subscriber)?.get(type),
      }));
  }

  return {
    async publish(tx, type, data) {
      // Every subscriber's job in one prepared statement, inside the business transaction.
      const jobs = jobsFor(type, data);
      if (jobs.length > 0) await queue.sendMany(tx, jobs);
    },

    async writeAndPublish(statement, type, data) {
      const jobs = jobsFor(type, data);
      const script = jobs.length > 0 ? `${statement};\n${await queue.enqueueStatements(jobs)}` : statement;
      await runScript(database, script);
      queue.wake(jobs.map((job) => job.name));
    },

    jobsFor,

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
