// The job queue: pg-boss on the same database as the data (PGlite through its adapter).
// Jobs are sent inside the business transaction (a transactional outbox) and run by the
// in-process worker by default, or by `lectern worker` processes. On PostgreSQL a job that can run
// at once wakes the workers of every process through LISTEN/NOTIFY (pg-boss's `notify` queues),
// so a worker polls only for retries and delayed jobs; on PGlite (one process) the sender wakes
// its own worker.
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { JobResult } from 'pg-boss';
import { fromKysely, fromPglite, PgBoss } from 'pg-boss';

import type { DatabaseHandle, Tx } from '../db/index.ts';
import { afterCommit } from '../db/index.ts';

export interface JobDefinition<T extends object> {
  name: string;
  handle(data: T): Promise<void>;
  /**
   * Handles a fetched batch at once instead of job by job: resolves with each job's outcome, in
   * order (an error fails and retries that job alone).
   */
  handleBatch?(data: T[]): Promise<(Error | undefined)[]>;
  /** Attempts after the first failure; retried with exponential backoff. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A job running longer than this is treated as crashed and retried. */
  expireInSeconds?: number;
  batchSize?: number;
  /** Batches this process works on at once (jobs that wait on the network, not the database). */
  concurrency?: number;
  /** Also sent on this schedule (cron, UTC), once per occurrence across every process. */
  cron?: string;
}

export interface SendOptions {
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  tx?: Tx;
  startAfter?: Date | number;
  singletonKey?: string;
}

export interface JobFeeder {
  /** Moves one batch into the queue; true when more may be waiting (the batch was full). */
  feed(): Promise<boolean>;
  /** How much is waiting. */
  pending(): Promise<number>;
}

export interface Queue {
  define<T extends object>(job: JobDefinition<T>): void;
  /** The job's id; null when it was not inserted (`when` did not hold, or a singleton already queued). */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Inserts one job per item into queue `name` inside the transaction (pg-boss's batch insert); `wake` it after the commit. */
  insertMany(tx: Tx, name: string, data: object[]): Promise<void>;
  /**
   * Work waiting outside the queue that becomes jobs (the events outbox): a process that works
   * runs the feeder when it polls and after `feedSoon`, and `settle` waits for it too.
   */
  addFeeder(feeder: JobFeeder): void;
  /** Runs the feeders soon (after a commit that gave them work); several calls in a short window run them once. */
  feedSoon(): void;
  /** Wakes this process's workers of these queues (after a commit that gave them jobs), or of every queue. */
  wake(names?: readonly string[]): void;
  start(options: { work: boolean }): Promise<void>;
  /** Waits until no job is queued, retrying or running (tests and CLI use it). */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const POLL_SECONDS = 0.5;
/**
 * PGlite is one process's own database: every job is sent in-process and wakes its worker at
 * once, so polling only finds retries, delayed and cron jobs, and a fetch runs on the event loop
 * (~20 queues, some with 8 workers, polled every 0.5 s took ~5% of a core while idle).
 */
const PGLITE_POLL_SECONDS = 2;
/**
 * The poll of a PostgreSQL worker while NOTIFY wakes it: only retries and delayed jobs wait for
 * it (at most this long after they are due). Polling every 0.5 s, the ~20 queues' fetches cost an
 * idle process 40-46 ms of Node and 54-59 ms of PostgreSQL CPU per second; now 22-25 and 9-11.
 */
const NOTIFY_POLL_SECONDS = 5;
/** A delayed job due sooner than this wakes this process's worker when due; a later one waits for a poll. */
const MAX_TIMED_WAKE_MS = 10 * 60_000;
/** A queue's worker is woken at most once in this window (see `wake`). */
const WAKE_WINDOW_MS = 10;
const PGLITE_WAKE_WINDOW_MS = 50;

/** Each job's error, if it failed: the batch at once when the job handles batches, else job by job. */
async function runBatch<T extends object>(job: JobDefinition<T>, data: T[]): Promise<(Error | undefined)[]> {
  if (job.handleBatch) return job.handleBatch(data);
  const outcomes: (Error | undefined)[] = [];
  for (const one of data) outcomes.push(await outcomeOf(() => job.handle(one)));
  return outcomes;
}

/** Runs `work`; the error it threw, if any. */
export async function outcomeOf(work: () => Promise<void>): Promise<Error | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export function createQueue(database: DatabaseHandle, log: FastifyBaseLogger): Queue {
  // Made by `start`: only a process that works holds a LISTEN connection for NOTIFY.
  let boss!: PgBoss;
  // Whether NOTIFY wakes the workers; if pg-boss cannot listen (a pooler in transaction mode), it
  // polls every POLL_SECONDS and this process wakes its own workers after a send, as on PGlite.
  let notifying = false;
  const createBoss = (work: boolean) => {
    const created = new PgBoss(
      database.pglite
        ? { db: fromPglite(database.pglite), backend: 'pglite', supervise: true, schedule: true }
        : {
            connectionString: database.url,
            max: 4,
            supervise: true,
            schedule: true,
            application_name: 'lectern-queue',
            useListenNotify: work,
          },
    );
    created.on('error', (error) => log.error({ err: error }, 'job queue error'));
    created.on('warning', (warning: { message: string; data?: { type?: string } }) => {
      if (warning.data?.type !== 'listen_notify_unavailable') return;
      notifying = false;
      log.warn(warning.message);
    });
    notifying = work && !database.pglite;
    return created;
  };
  const definitions = new Map<string, JobDefinition<object>>();
  /** queue name → this process's worker of it */
  const workerIds = new Map<string, string>();
  let started = false;

  // Only the workers of the queues that got a job: waking every worker made each of them run a
  // fetch (one statement per queue, ~20 queues) after every commit that sent anything.
  const wakeNow = (names: Iterable<string>) => {
    for (const name of names) {
      const workerId = workerIds.get(name);
      if (workerId) boss.notifyWorker(workerId);
    }
  };
  // At most one wake per queue in a short window, so that the jobs committed meanwhile are fetched
  // as one batch: woken after every commit, a worker fetched and handled each job alone (on
  // PGlite, where nothing else runs meanwhile) or fetched nothing (a job whose `when` was false).
  // The first wake after a quiet window is at once, so a lone job does not wait.
  const wakeWindowMs = database.pglite ? PGLITE_WAKE_WINDOW_MS : WAKE_WINDOW_MS;
  const lastWakes = new Map<string, number>();
  const pendingWakes = new Map<string, NodeJS.Timeout>();
  const wakeThrottled = (name: string) => {
    lastWakes.set(name, Date.now());
    wakeNow([name]);
  };
  const wake = (names: Iterable<string>) => {
    if (notifying) return;
    for (const name of names) {
      if (pendingWakes.has(name) || !workerIds.has(name)) continue;
      const wait = (lastWakes.get(name) ?? 0) + wakeWindowMs - Date.now();
      if (wait <= 0) {
        wakeThrottled(name);
        continue;
      }
      const timer = setTimeout(() => {
        pendingWakes.delete(name);
        wakeThrottled(name);
      }, wait);
      pendingWakes.set(name, timer.unref());
    }
  };

  const wakeAt = (name: string, startAfter: Date | number) => {
    const due = typeof startAfter === 'number' ? Date.now() + startAfter * 1000 : startAfter.getTime();
    if (!workerIds.has(name) || due - Date.now() > MAX_TIMED_WAKE_MS) return;
    // A little after, so that the database clock has passed it too.
    setTimeout(() => wakeNow([name]), Math.max(0, due - Date.now()) + 50).unref();
  };

  // Feeders (the events outbox) run in a process that works: when it polls, soon after a commit
  // that gave them work (throttled as wakes are), and from `settle`; one run at a time.
  const feeders: JobFeeder[] = [];
  let working = false;
  let feeding: Promise<void> | undefined;
  let feedAgain = false;
  let feedTimer: NodeJS.Timeout | undefined;
  let feedPoll: NodeJS.Timeout | undefined;
  let lastFeed = 0;

  /** Each feeder until it has nothing more; a call during a run makes that run go round once more. */
  function runFeeders(): Promise<void> {
    if (feeding) {
      feedAgain = true;
      return feeding;
    }
    feeding = (async () => {
      do {
        feedAgain = false;
        lastFeed = Date.now();
        for (const feeder of feeders) {
          try {
            while (await feeder.feed());
          } catch (error) {
            log.warn({ err: error }, 'job feeder failed; it runs again at the next poll');
          }
        }
      } while (feedAgain);
    })().finally(() => {
      feeding = undefined;
    });
    return feeding;
  }

  async function feedersIdle(): Promise<boolean> {
    for (const feeder of feeders) if ((await feeder.pending()) > 0) return false;
    return true;
  }

  return {
    define(job) {
      if (started) throw new Error(`Job ${job.name} defined after the queue started`);
      definitions.set(job.name, job as JobDefinition<object>);
    },

    async send(name, data, options = {}) {
      if (!definitions.has(name)) throw new Error(`Unknown job ${name}`);
      const id = await boss.send(name, data, {
        ...(options.tx ? { db: fromKysely(options.tx) } : {}),
        ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      });
      // Wake the in-process worker as soon as the job is visible instead of at the next poll, and
      // when a delayed job falls due (NOTIFY wakes the workers only for a job that can run at once).
      if (id !== null)
        afterCommit(() => (options.startAfter === undefined ? wake([name]) : wakeAt(name, options.startAfter!)));
      return id;
    },

    async insertMany(tx, name, data) {
      // Not only this process's queues: an event published by a newer process may name a queue
      // this one does not define (every queue exists in the database once a process defined it).
      await boss.insert(
        name,
        data.map((one) => ({ data: one })),
        { db: fromKysely(tx) },
      );
    },

    addFeeder(feeder) {
      if (started) throw new Error('Feeder added after the queue started');
      feeders.push(feeder);
    },

    feedSoon() {
      if (!working || feedTimer) return;
      const wait = lastFeed + wakeWindowMs - Date.now();
      if (wait <= 0) {
        void runFeeders();
        return;
      }
      feedTimer = setTimeout(() => {
        feedTimer = undefined;
        void runFeeders();
      }, wait).unref();
    },

    wake(names) {
      wake(names ?? workerIds.keys());
    },

    async start({ work }) {
      boss = createBoss(work);
      await boss.start();
      started = true;
      for (const job of definitions.values()) {
        const policy = {
          retryLimit: job.retryLimit ?? 5,
          retryDelay: job.retryDelaySeconds ?? 2,
          retryBackoff: true,
          expireInSeconds: job.expireInSeconds ?? 300,
          notify: !database.pglite,
        };
        await boss.createQueue(job.name, policy);
        // createQueue keeps an existing queue as it was: apply today's policy (settings may have changed).
        await boss.updateQueue(job.name, policy);
        if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
        if (!work) continue;
        // Each job of a batch settles on its own: one failing job is retried alone, instead of
        // failing (and re-running) the jobs of its batch that had already succeeded.
        const workerId = await boss.work<object>(
          job.name,
          {
            batchSize: job.batchSize ?? 20,
            pollingIntervalSeconds: database.pglite ? PGLITE_POLL_SECONDS : POLL_SECONDS,
            notifyPollingIntervalSeconds: NOTIFY_POLL_SECONDS,
            burstWhenBatchFull: true,
            perJobResults: true,
            localConcurrency: job.concurrency ?? 1,
          },
          async (jobs) => {
            const outcomes = await runBatch(
              job,
              jobs.map((one) => one.data),
            );
            return jobs.map((one, index): JobResult => {
              const error = outcomes[index];
              if (!error) return { id: one.id, status: 'completed' };
              log.warn({ err: error, job: job.name, jobId: one.id }, 'job failed; it will be retried');
              return { id: one.id, status: 'failed', output: { message: error.message } };
            });
          },
        );
        workerIds.set(job.name, workerId);
      }
      if (!work || feeders.length === 0) return;
      working = true;
      const pollMs = (database.pglite ? PGLITE_POLL_SECONDS : POLL_SECONDS) * 1000;
      feedPoll = setInterval(() => void runFeeders(), pollMs).unref();
      // What was published while no process worked (or by one that crashed before relaying).
      void runFeeders();
    },

    async settle(timeoutMs = 30_000) {
      const names = [...definitions.keys()];
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await runFeeders();
        const { rows } = await sql<{ pending: number }>`
          select count(*)::int as pending from pgboss.job
          where name in (${sql.join(names)}) and state in ('created', 'retry', 'active') and start_after <= now()`.execute(
          database.db,
        );
        if ((rows[0]?.pending ?? 0) === 0 && (await feedersIdle())) return;
        if (Date.now() > deadline) throw new Error(`Queue did not settle within ${timeoutMs} ms`);
        wakeNow(workerIds.keys());
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },

    async stop() {
      if (!started) return;
      started = false;
      working = false;
      clearInterval(feedPoll);
      clearTimeout(feedTimer);
      await feeding;
      for (const timer of pendingWakes.values()) clearTimeout(timer);
      pendingWakes.clear();
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
    },
  };
}
