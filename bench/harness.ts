// Shared bench plumbing: run autocannon against a URL and print comparable numbers.
import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
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
  /** With a CpuMeter: CPU µs per request of the server processes, the database's backends and Redis. */
  cpu?: CpuSplit;
}

export const BENCH_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 8);
export const BENCH_CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
/** Load before each measurement, so that JIT compilation and caches settle (in every process of a cluster). */
export const BENCH_WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 1);

/** Load-tests one URL; autocannon runs in a worker thread so it does not share the server's loop. */
export async function measure(
  name: string,
  url: string,
  headers: Record<string, string> = {},
  meter?: CpuMeter,
): Promise<Measurement> {
  await autocannon({ url, headers, connections: 10, duration: BENCH_WARMUP_SECONDS });
  const spent = await meter?.start();
  const result = await autocannon({
    url,
    headers,
    connections: BENCH_CONNECTIONS,
    duration: BENCH_SECONDS,
    workers: 1,
  });
  const cpu = await spent?.();
  const perRequest = (ms: number) => Math.round((ms * 1000) / Math.max(1, result.requests.total));
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ...(cpu && {
      cpu: {
        server: perRequest(cpu.server),
        postgres: perRequest(cpu.postgres),
        redis: perRequest(cpu.redis),
        // Counts, not ms: per request, with one decimal.
        syscalls: perRequest(cpu.syscalls) / 1000,
        switches: perRequest(cpu.switches) / 1000,
      },
    }),
  };
}

/** CPU time, in ms or (in a Measurement) µs per request, of what serves a request. */
export interface CpuSplit {
  server: number;
  postgres: number;
  redis: number;
  /** The server processes' read and write system calls (/proc/<pid>/io syscr + syscw). */
  syscalls: number;
  /** The server processes' context switches, voluntary and not (waits, and preemption by other load). */
  switches: number;
}

export interface CpuMeter {
  /** Starts counting; the function returned gives the CPU ms spent since. */
  start(): Promise<() => Promise<CpuSplit>>;
  close(): Promise<void>;
}

/**
 * Counts the CPU time (user + system) that the load costs on this machine, which load on a shared
 * machine distorts much less than req/s: the server process `root` and its descendants (a
 * cluster's primary and workers), the PostgreSQL backends connected to `databaseUrl`'s database,
 * and the Redis server (INFO cpu, so it includes anyone else's use of that Redis). Reads /proc
 * (Linux, 10 ms ticks); a process that exits during the run loses its share.
 */
export function cpuMeter(options: { root: number; databaseUrl?: string; redisUrl?: string }): CpuMeter {
  const admin = options.databaseUrl ? new pg.Client({ connectionString: options.databaseUrl }) : undefined;
  const connected = admin?.connect();
  const redis = options.redisUrl ? new Redis(options.redisUrl, { lazyConnect: true }) : undefined;
  const backends = async (): Promise<number[]> => {
    if (!admin) return [];
    await connected;
    const { rows } = await admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    return rows.map((row) => row.pid);
  };
  const redisMs = async (): Promise<number> => {
    if (!redis) return 0;
    const info = await redis.info('cpu');
    const seconds = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
    return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000;
  };
  const snapshot = async () => {
    const pids = descendants(options.root);
    const server = sumTicks(pids);
    const postgres = sumTicks(await backends());
    return { server, postgres, redis: await redisMs(), ...activity(pids) };
  };
  return {
    async start() {
      const before = await snapshot();
      return async () => {
        const after = await snapshot();
        // Backends opened during the run count from zero; processes are summed by pid.
        const delta = (a: Map<number, number>, b: Map<number, number>) =>
          [...a].reduce((sum, [pid, ms]) => sum + ms - (b.get(pid) ?? 0), 0);
        return {
          server: delta(after.server, before.server),
          postgres: delta(after.postgres, before.postgres),
          redis: after.redis - before.redis,
          syscalls: after.syscalls - before.syscalls,
          switches: after.switches - before.switches,
        };
      };
    },
    async close() {
      await admin?.end();
      redis?.disconnect();
    },
  };
}

/** Read and write system calls, and context switches, of `pids` in all (a pid that ended counts nothing). */
function activity(pids: number[]): { syscalls: number; switches: number } {
  let syscalls = 0;
  let switches = 0;
  const field = (text: string, name: string) => Number(new RegExp(`^${name}:\\s*(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  for (const pid of pids) {
    try {
      const io = readFileSync(`/proc/${pid}/io`, 'utf8');
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      syscalls += field(io, 'syscr') + field(io, 'syscw');
      switches += field(status, 'voluntary_ctxt_switches') + field(status, 'nonvoluntary_ctxt_switches');
    } catch {
      // ended
    }
  }
  return { syscalls, switches };
}

/** utime + stime of each pid in ms (10 ms ticks); a pid that ended is left out. */
function sumTicks(pids: number[]): Map<number, number> {
  const times = new Map<number, number>();
  for (const pid of pids) {
    const fields = procStat(pid);
    if (fields) times.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
  }
  return times;
}

/** /proc/<pid>/stat's fields after the command name (state first), or undefined once it ended. */
function procStat(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  } catch {
    return undefined;
  }
}

/** `root` and every process below it. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    const parent = Number.isInteger(pid) ? Number(procStat(pid)?.[1]) : NaN;
    if (Number.isInteger(parent)) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]!) ?? []));
  return found;
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
      ...(r.cpu && {
        'CPU µs/req': r.cpu.server + r.cpu.postgres + r.cpu.redis,
        server: r.cpu.server,
        postgres: r.cpu.postgres,
        redis: r.cpu.redis,
        'syscalls/req': r.cpu.syscalls,
        'switches/req': r.cpu.switches,
      }),
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
  /** The process started (a cluster's primary). */
  pid: number;
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
  return spawnReady(
    args,
    { ...env, ...cpuProfileOptions(), HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' },
    port,
  );
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
    {
      ...env,
      ...cpuProfileOptions(),
      PORT: String(port),
      BENCH_BASELINE_MODULE: moduleFile,
      BENCH_BASELINE_WORKERS: String(workers),
    },
    port,
  );
}

/** BENCH_CPU_PROFILE_DIR: every server process (Lectern's and the baselines') writes a CPU profile there on exit. */
function cpuProfileOptions(): Record<string, string> {
  const directory = process.env['BENCH_CPU_PROFILE_DIR'];
  return directory ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${directory}` } : {};
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
    pid: child.pid!,
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
  const env: Record<string, string | undefined> = { ...run.env, REDIS_URL };
  const measureServer = async (name: string, server: ServerProcess, path: string) => {
    const meter = cpuMeter({ root: server.pid, databaseUrl: env['DATABASE_URL'], redisUrl: REDIS_URL });
    try {
      return await measure(name, server.base + path, run.headers, meter);
    } finally {
      await meter.close();
      await server.close();
    }
  };
  const c1 = await measureServer('(c1) Lectern, 1 process', await startLecternProcesses(1, env), run.path);
  const many = await startLecternProcesses(n, env);
  const cn = await measureServer(`(c${n}) Lectern, --workers ${n}`, many, run.path);
  const rows = [c1, cn];
  let bn: Measurement | undefined;
  if (run.baseline) {
    const { module, path, env: baselineEnv } = run.baseline;
    const b1 = await startBaselineProcesses(module, 1, baselineEnv);
    rows.push(await measureServer('(b1) hand-written, 1 process', b1, path));
    const baseline = await startBaselineProcesses(module, n, baselineEnv);
    bn = await measureServer(`(b${n}) hand-written, ${n} processes`, baseline, path);
    rows.push(bn);
  }
  printTable(`${run.workload} on postgres + Redis, Lectern as child processes (CPU: µs per request)`, rows);
  console.log(`c${n}/c1 = ${ratio(cn, c1)}` + (bn ? `   c${n}/b${n} = ${ratio(cn, bn)}` : ''));
  if (bn) reportMeasured(`${run.workload} (postgres, ${n} processes)`, cn, bn, run.goal ?? '');
  else reportMeasured(`${run.workload} (postgres, ${n} processes ÷ 1)`, cn, c1, `≈ ${n}× on ${n} idle cores`);
}
