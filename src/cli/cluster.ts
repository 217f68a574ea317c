// `lectern serve --workers N`: a node:cluster primary that forks N HTTP workers sharing one port
// (the primary accepts connections and hands them out round-robin). Each worker is an ordinary
// `lectern serve` process: it serves every surface, and the first WORKERS_WITH_JOBS of them (one
// by default) also run the job workers when WORKER_IN_PROCESS is on. Every job-running process
// polls every queue twice a second (measured: ~50 ms of CPU per second per idle process, Node and
// PostgreSQL together), so the others only send jobs; pg-boss hands each job to one process, a
// cron occurrence is sent once whatever the number of processes, and a replaced worker keeps its
// slot, so jobs still run after a crash. The primary stays small: it migrates once before
// forking, replaces a worker that dies (with backoff), and drains every worker on SIGTERM/SIGINT.
import type { Worker } from 'node:cluster';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

import type { Logger } from 'pino';

import type { Config } from '../config.ts';
import { ConfigError } from '../config.ts';

/** The primary asks a worker to drain and exit with this IPC message (a signal could be its second). */
export const SHUTDOWN_MESSAGE = 'lectern:shutdown';

/**
 * Sent to the parent process, when it started Lectern with an IPC channel, once HTTP is served
 * (by every worker): a supervisor or a bench waits for it instead of parsing logs.
 */
export const READY_MESSAGE = 'lectern:ready';

/** A worker that served at least this long is healthy: its death restarts without backoff. */
const STABLE_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;
/** Workers drain within 15 s (close-with-grace in main.ts); past this the primary kills them. */
const SHUTDOWN_DEADLINE_MS = 20_000;
/** A shutdown signal repeated within this is the same request (see installWorkerShutdown). */
const REPEAT_MS = 1000;
/** Connections each worker opens besides DATABASE_POOL_SIZE: the job queue's pool. */
const QUEUE_CONNECTIONS = 4;
/** And a worker that runs jobs: the queue's LISTEN connection (NOTIFY wakes its workers). */
const LISTEN_CONNECTIONS = 1;

export interface WorkerCount {
  count: number;
  /** Why `auto` settled for fewer processes than cores, for the log. */
  note?: string;
}

/**
 * How many HTTP processes to run. Several need PostgreSQL (PGlite is one process's database) and
 * Redis (chat fan-out, presence, live feeds and rate limits are shared through it): an explicit
 * count refuses without them; `auto` falls back to one process and says why.
 */
export function resolveWorkerCount(config: Config, cores = availableParallelism()): WorkerCount {
  const auto = config.workers === 'auto';
  const count = auto ? cores : (config.workers as number);
  if (count <= 1) return { count: 1 };
  const missing =
    config.database.kind === 'pglite'
      ? 'the embedded PGlite database belongs to one process: set DATABASE_URL (PostgreSQL)'
      : config.redisUrl
        ? undefined
        : 'chat, live feeds, presence and rate limits are shared between processes through Redis: set REDIS_URL';
  if (!missing) return { count };
  if (auto) return { count: 1, note: `WORKERS=auto serves with one process: ${missing} to use ${count}` };
  throw new ConfigError([`--workers ${count} (WORKERS): ${missing}, or serve with --workers 1`]);
}

/** The env variable that tells a worker its slot (1..N): a replacement keeps the slot of the one it replaces. */
const SLOT_ENV = 'LECTERN_WORKER_SLOT';

/**
 * Whether this `lectern serve` process runs the job workers: with WORKER_IN_PROCESS on, a single
 * process does, and a cluster worker does when its slot is among the first WORKERS_WITH_JOBS.
 */
export function runsJobs(config: Config, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!config.worker.inProcess) return false;
  const slot = Number(env[SLOT_ENV]);
  return !cluster.isWorker || !Number.isInteger(slot) || slot <= config.worker.withJobs;
}

/**
 * In a worker: the primary's message, or a signal of the worker's own, starts one drain. The same
 * shutdown often arrives twice (Ctrl-C and systemd signal the whole process group while the primary
 * passes it on): a repeat within a second is that same request; a signal after that exits at once,
 * as a second signal does to a single process.
 */
export function installWorkerShutdown(drain: () => void): void {
  let began: number | undefined;
  const request = (signal?: NodeJS.Signals) => {
    if (began === undefined) {
      began = Date.now();
      drain();
    } else if (signal && Date.now() - began > REPEAT_MS) process.exit(1);
  };
  process.on('message', (message) => message === SHUTDOWN_MESSAGE && request());
  process.on('SIGTERM', () => request('SIGTERM'));
  process.on('SIGINT', () => request('SIGINT'));
}

/** The cluster's primary: migrate once, fork, supervise, drain. Resolves never; exits the process. */
export async function runPrimary(config: Config, count: number, logger: Logger): Promise<void> {
  await prepareDatabase(config, count, logger);
  const { serveClusterMetrics } = await import('./cluster-metrics.ts');
  await serveClusterMetrics();
  const supervisor = createSupervisor(count, logger);
  process.on('SIGTERM', () => supervisor.shutdown('SIGTERM'));
  process.on('SIGINT', () => supervisor.shutdown('SIGINT'));
  await supervisor.start();
}

/** Migrations run here, once, so workers starting together never race them (theirs find nothing to do). */
async function prepareDatabase(config: Config, count: number, logger: Logger): Promise<void> {
  if (config.database.kind !== 'postgres') return;
  const { createDatabase } = await import('../platform/db/index.ts');
  const { migrateToLatest } = await import('../platform/db/migrate.ts');
  const { sql } = await import('kysely');
  const database = await createDatabase({ ...config.database, poolSize: 1 });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    const { rows } = await sql<{ max_connections: string }>`show max_connections`.execute(database.db);
    const available = Number(rows[0]?.max_connections ?? 0);
    const jobRunners = config.worker.inProcess ? Math.min(count, config.worker.withJobs) : 0;
    const needed = count * (config.database.poolSize + QUEUE_CONNECTIONS) + jobRunners * LISTEN_CONNECTIONS;
    if (needed > available)
      logger.warn(
        { workers: count, needed, maxConnections: available },
        'workers × (DATABASE_POOL_SIZE + 4) exceeds PostgreSQL max_connections: lower DATABASE_POOL_SIZE or --workers',
      );
  } finally {
    await database.close();
  }
}

interface Slot {
  id: number;
  worker: Worker | undefined;
  listeningAt: number | undefined;
  /** Deaths in a row of workers that did not last STABLE_MS. */
  failures: number;
  restart: NodeJS.Timeout | undefined;
}

function createSupervisor(count: number, logger: Logger) {
  const slots: Slot[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    worker: undefined,
    listeningAt: undefined,
    failures: 0,
    restart: undefined,
  }));
  let started = false;
  let stopping = false;
  let failedExit = false;
  let failStart: ((error: Error) => void) | undefined;

  function fork(slot: Slot): Promise<void> {
    const worker = cluster.fork({ [SLOT_ENV]: String(slot.id) });
    slot.worker = worker;
    slot.listeningAt = undefined;
    return new Promise((resolve) => {
      worker.once('listening', (address) => {
        slot.listeningAt = Date.now();
        logger.info({ worker: slot.id, workerPid: worker.process.pid, port: address.port }, 'worker listening');
        resolve();
      });
      worker.once('exit', (code, signal) => onExit(slot, worker, code, signal));
    });
  }

  function onExit(slot: Slot, worker: Worker, code: number | null, signal: string | null): void {
    if (slot.worker !== worker) return;
    slot.worker = undefined;
    if (stopping) {
      // A worker still starting has no drain to do: the signal that stopped it is a clean stop.
      if (code !== 0 && signal !== 'SIGTERM') failedExit = true;
      logger.info({ worker: slot.id, workerPid: worker.process.pid, code, signal }, 'worker stopped');
      if (slots.every((s) => !s.worker)) process.exit(failedExit ? 1 : 0);
      return;
    }
    // At start-up a worker that cannot start fails the command, as a single process would.
    if (!started && slot.listeningAt === undefined) {
      failStart?.(new Error(`worker ${slot.id} exited before listening (code ${code}, signal ${signal})`));
      return;
    }
    const lasted = slot.listeningAt === undefined ? 0 : Date.now() - slot.listeningAt;
    slot.failures = lasted >= STABLE_MS ? 0 : slot.failures + 1;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** slot.failures);
    logger.error(
      { worker: slot.id, workerPid: worker.process.pid, code, signal, restartInMs: delay },
      'worker died; starting a new one',
    );
    slot.restart = setTimeout(() => {
      slot.restart = undefined;
      if (!stopping) void fork(slot);
    }, delay);
  }

  return {
    /** The first worker starts alone (its start-up writes once: job queues, the bootstrap admin), then the rest together. */
    async start(): Promise<void> {
      const failed = new Promise<never>((_, reject) => (failStart = reject));
      try {
        await Promise.race([fork(slots[0]!), failed]);
        await Promise.race([Promise.all(slots.slice(1).map(fork)), failed]);
      } catch (error) {
        // The command fails (main.ts exits 1); workers still starting lose the primary and exit.
        stopping = true;
        for (const slot of slots) slot.worker?.process.kill('SIGTERM');
        throw error;
      }
      started = true;
      logger.info({ workers: count }, 'lectern listening with every worker');
      process.send?.(READY_MESSAGE);
    },

    /** First signal: every worker drains (the IPC message); a second one is passed on, and workers exit at once. */
    shutdown(signal: NodeJS.Signals): void {
      const live = slots.filter((slot) => slot.worker);
      if (stopping) {
        for (const slot of live) slot.worker?.process.kill('SIGTERM');
        return;
      }
      stopping = true;
      logger.info({ signal, workers: live.length }, 'shutting down: draining every worker');
      for (const slot of slots) clearTimeout(slot.restart);
      if (live.length === 0) process.exit(0);
      for (const { worker, listeningAt } of live) {
        // Only a worker that listens has installed its drain; one still starting just stops.
        if (listeningAt !== undefined && worker!.isConnected()) worker!.send(SHUTDOWN_MESSAGE);
        else worker!.process.kill('SIGTERM');
      }
      setTimeout(() => {
        logger.error('workers did not stop in time; killing them');
        for (const slot of slots) slot.worker?.process.kill('SIGKILL');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
    },
  };
}
