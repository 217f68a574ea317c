// Shared bench plumbing: run autocannon against a URL and print comparable numbers.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import pg from 'pg';

import type { DatabaseHandle } from '../src/platform/db/index.ts';
import { createDatabase } from '../src/platform/db/index.ts';

export interface Measurement {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export const BENCH_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 8);
export const BENCH_CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);

/** Load-tests one URL; autocannon runs in a worker thread so it does not share the server's loop. */
export async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<Measurement> {
  await autocannon({ url, headers, connections: 10, duration: 1 }); // warm-up
  const result = await autocannon({
    url,
    headers,
    connections: BENCH_CONNECTIONS,
    duration: BENCH_SECONDS,
    workers: 1,
  });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** The baseline every bench divides by: a bare Fastify hello-world in the same process. */
export async function startHelloWorld(): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify();
  app.get('/', async () => ({ hello: 'world' }));
  return listen(app, '/');
}

export async function listen(app: FastifyInstance, path: string): Promise<{ url: string; close(): Promise<void> }> {
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${address}${path}`, close: () => app.close() };
}

export function printTable(title: string, rows: Measurement[]): void {
  console.log(`\n${title}`);
  console.table(
    rows.map((r) => ({
      target: r.name,
      'req/s': r.requestsPerSecond,
      'p50 ms': r.p50Ms,
      'p99 ms': r.p99Ms,
      errors: r.errors,
      non2xx: r.non2xx,
    })),
  );
}

export const ratio = (a: Measurement, b: Measurement) => (a.requestsPerSecond / b.requestsPerSecond).toFixed(3);

export const PG_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty database for one bench run: in-memory PGlite, or a throwaway PostgreSQL database. */
export async function openBenchDatabase(
  kind: 'postgres' | 'pglite',
  label: string,
  poolSize = 10,
): Promise<{ database: DatabaseHandle; drop(): Promise<void> }> {
  if (kind === 'pglite') return { database: await createDatabase({ kind: 'pglite' }), drop: async () => undefined };
  const name = `lectern_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    database: await createDatabase({ kind: 'postgres', url: url.toString(), poolSize }),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** One row of `npm run bench`'s closing table; `unit` names what lectern and baseline count. */
export interface SummaryRow {
  workload: string;
  lectern: number;
  baseline: number;
  unit: string;
  ratio: number;
  p99Ms?: number;
  goal: string;
}

/** Appends the row as a JSON line for bench/run-all.ts; a bench run on its own (no BENCH_SUMMARY_FILE) skips it. */
export function reportSummary(row: SummaryRow): void {
  const file = process.env['BENCH_SUMMARY_FILE'];
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

/** The usual row: two autocannon measurements in req/s, p99 of Lectern's. */
export function reportMeasured(workload: string, lectern: Measurement, baseline: Measurement, goal: string): void {
  reportSummary({
    workload,
    lectern: lectern.requestsPerSecond,
    baseline: baseline.requestsPerSecond,
    unit: 'req/s',
    ratio: lectern.requestsPerSecond / baseline.requestsPerSecond,
    p99Ms: lectern.p99Ms,
    goal,
  });
}

/** Processes for the N-process runs: BENCH_WORKERS, else the machine's available parallelism. */
export const BENCH_WORKERS = Number(process.env['BENCH_WORKERS'] ?? availableParallelism());
/** Several Lectern processes share chat, presence and rate limits through Redis. */
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

/**
 * `lectern serve` as child process(es) on an existing database (`env` as loadConfig reads it):
 * `--workers N` when N > 1, which needs PostgreSQL and REDIS_URL. Resolves once every worker
 * listens (the CLI tells a parent with an IPC channel); logs at `warn`, as quiet as the in-process runs.
 */
export async function startLecternProcesses(
  workers: number,
  env: Record<string, string | undefined>,
): Promise<ServerProcess> {
  const port = await sparePort();
  const args = ['src/main.ts', 'serve', ...(workers > 1 ? ['--workers', String(workers)] : [])];
  return spawnReady(args, { ...env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' }, port);
}

/**
 * A hand-written baseline in N processes sharing one port through node:cluster, as Lectern's
 * workers do: `module` exports `serve(port)`; bench/cluster-baseline.ts forks and waits.
 */
export async function startBaselineProcesses(
  module: string,
  workers: number,
  env: Record<string, string | undefined>,
): Promise<ServerProcess> {
  const port = await sparePort();
  const entry = fileURLToPath(new URL('./cluster-baseline.ts', import.meta.url));
  const moduleFile = fileURLToPath(new URL(module, import.meta.url));
  return spawnReady(
    [entry],
    { ...env, PORT: String(port), BENCH_BASELINE_MODULE: moduleFile, BENCH_BASELINE_WORKERS: String(workers) },
    port,
  );
}

async function spawnReady(args: string[], env: Record<string, string | undefined>, port: number) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message) => message === 'lectern:ready' && resolve());
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface WorkersRun {
  /** The summary row's name, without the database and process count. */
  workload: string;
  /** Lectern's path and query, and the request headers (the same for the baseline). */
  path: string;
  headers: Record<string, string>;
  /** Lectern's settings as loadConfig reads them: DATABASE_URL, JWT_SECRET... (REDIS_URL is added). */
  env: Record<string, string | undefined>;
  /** The goal of the ratio to the N-process baseline. */
  goal?: string;
  /** The hand-written baseline as N processes too (a module exporting `serve(port)`); else the row is the scaling. */
  baseline?: { module: string; path: string; env: Record<string, string | undefined> };
}

/**
 * The N-process run on PostgreSQL + Redis (BENCH_WORKERS, default the available parallelism):
 * Lectern as one `serve` process and as `serve --workers N` with the same settings (the scaling),
 * then its baseline as N processes; one server at a time. Prints them and reports a summary row:
 * Lectern N processes ÷ baseline N processes, or ÷ Lectern one process without a baseline.
 */
export async function measureWorkers(run: WorkersRun): Promise<void> {
  if (BENCH_WORKERS < 2) {
    console.log(`\n${run.workload}: N-process run skipped (BENCH_WORKERS=${BENCH_WORKERS})`);
    return;
  }
  const n = BENCH_WORKERS;
  const env = { ...run.env, REDIS_URL };
  const one = await startLecternProcesses(1, env);
  const c1 = await measure('(c1) Lectern, 1 process', one.base + run.path, run.headers);
  await one.close();
  const many = await startLecternProcesses(n, env);
  const cn = await measure(`(c${n}) Lectern, --workers ${n}`, many.base + run.path, run.headers);
  await many.close();
  const rows = [c1, cn];
  let bn: Measurement | undefined;
  if (run.baseline) {
    const baseline = await startBaselineProcesses(run.baseline.module, n, run.baseline.env);
    bn = await measure(`(b${n}) hand-written, ${n} processes`, baseline.base + run.baseline.path, run.headers);
    await baseline.close();
    rows.push(bn);
  }
  printTable(`${run.workload} on postgres + Redis, Lectern as child processes`, rows);
  console.log(`c${n}/c1 = ${ratio(cn, c1)}` + (bn ? `   c${n}/b${n} = ${ratio(cn, bn)}` : ''));
  if (bn) reportMeasured(`${run.workload} (postgres, ${n} processes)`, cn, bn, run.goal ?? '');
  else reportMeasured(`${run.workload} (postgres, ${n} processes ÷ 1)`, cn, c1, `≈ ${n}× on ${n} idle cores`);
}
