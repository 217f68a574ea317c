// Memory of a real `lectern serve` process (a child process, as in production) on PostgreSQL and
// on PGlite, beside a bare baseline process (bench/memory-baseline.server.ts: Fastify + the same
// database client answering a hand-written GET /me): what the runtime and the database cost alone.
//
// Per database: (1) Lectern's first start on an empty database (PGlite: initdb + migrations),
// idle; (2) the baseline on the same data, idle, then under load; (3) Lectern restarted on its
// data (the steady state of an installation), idle, then under load on GET /api/v1/users/me.
// Idle = IDLE_SECONDS (default 10) after /health first answers. RSS is VmRSS of /proc/<pid>/status;
// the V8 heap comes from /metrics (nodejs_heap_size_used_bytes). Peak = the largest VmRSS sampled
// every 100 ms during BENCH_SECONDS of load at BENCH_CONNECTIONS.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

import type { Measurement } from './harness.ts';
import { measure, PG_URL, printTable, reportSummary } from './harness.ts';

const IDLE_SECONDS = Number(process.env['IDLE_SECONDS'] ?? 10);
const GOALS = { postgres: 200, pglite: 400 } as const;
const root = fileURLToPath(new URL('..', import.meta.url));
const MiB = (bytes: number) => Math.round(bytes / 1048576);
/** Children still running: stopped if the bench itself fails. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

interface Row {
  target: string;
  'idle RSS MiB': number;
  'idle heap MiB': number;
  'peak RSS MiB'?: number;
  'req/s'?: number;
}

for (const kind of ['postgres', 'pglite'] as const) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-memory-bench-'));
  const secret = randomBytes(32).toString('hex');
  const database = kind === 'postgres' ? await createPgDatabase(`lectern_bench_memory_${process.pid}`) : undefined;
  const lecternEnv = {
    DATA_DIR: dataDir,
    JWT_SECRET: secret,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_API_PER_HOUR: '100000000',
    ...(database ? { DATABASE_URL: database.url } : {}),
  };
  const rows: Row[] = [];

  const first = await startProcess([join(root, 'src/main.ts'), 'serve'], lecternEnv, '/api/v1/health');
  const firstIdle = await idle(first, () => lecternHeap(first.url));
  rows.push({ target: 'Lectern, first start', ...firstIdle });
  const token = await register(first.url);
  await first.stop();

  // The baseline reads the same users and sessions: a copy of the PGlite directory, the same PostgreSQL database.
  const baselineDir = join(dataDir, 'baseline-pglite');
  if (kind === 'pglite') cpSync(join(dataDir, 'pglite'), baselineDir, { recursive: true });
  const baseline = await startProcess(
    [join(root, 'bench/memory-baseline.server.ts')],
    { JWT_SECRET: secret, ...(database ? { DATABASE_URL: database.url } : { PGLITE_DIR: baselineDir }) },
    '/me',
  );
  const baselineIdle = await idle(
    baseline,
    async () => ((await getJson(`${baseline.url}/memory`)) as NodeJS.MemoryUsage).heapUsed,
  );
  const baselineLoad = await underLoad(baseline, '(b) baseline GET /me', `${baseline.url}/me`, token);
  rows.push({ target: 'baseline: Fastify + client', ...baselineIdle, ...baselineLoad.row });
  await baseline.stop();

  const lectern = await startProcess([join(root, 'src/main.ts'), 'serve'], lecternEnv, '/api/v1/health');
  const lecternIdle = await idle(lectern, () => lecternHeap(lectern.url));
  const lecternLoad = await underLoad(lectern, '(c) Lectern /api/v1/users/me', `${lectern.url}/api/v1/users/me`, token);
  rows.push({ target: 'Lectern, restarted', ...lecternIdle, ...lecternLoad.row });
  await lectern.stop();

  console.log(`\nMemory on ${kind} (idle ${IDLE_SECONDS} s; load: users/me, see the req/s table below)`);
  console.table(rows);
  printTable(`GET /users/me under load on ${kind}`, [baselineLoad.measurement, lecternLoad.measurement]);
  const goal = `< ${GOALS[kind]} MiB`;
  const summary = (workload: string, lecternMiB: number, baselineMiB: number) =>
    reportSummary({
      workload,
      lectern: lecternMiB,
      baseline: baselineMiB,
      unit: 'MiB',
      ratio: lecternMiB / baselineMiB,
      goal,
    });
  summary(`idle RSS (${kind}, restarted)`, lecternIdle['idle RSS MiB'], baselineIdle['idle RSS MiB']);
  summary(`idle RSS (${kind}, first start)`, firstIdle['idle RSS MiB'], baselineIdle['idle RSS MiB']);
  summary(`peak RSS under load (${kind})`, lecternLoad.row['peak RSS MiB'], baselineLoad.row['peak RSS MiB']);

  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

interface Started {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

async function startProcess(args: string[], env: Record<string, string>, probe: string): Promise<Started> {
  const port = await freePort();
  const { DATABASE_URL: _d, REDIS_URL: _r, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { ...inherited, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    const status = await fetch(`${url}${probe}`).then(
      (response) => response.status,
      () => 0,
    );
    if (status > 0) break;
    if (attempt > 3000) throw new Error(`${args.join(' ')} did not answer within 5 minutes`);
    await sleep(100);
  }
  return {
    pid: child.pid!,
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function idle(started: Started, heapBytes: () => Promise<number>) {
  await sleep(IDLE_SECONDS * 1000);
  return { 'idle RSS MiB': MiB(rssBytes(started.pid)), 'idle heap MiB': MiB(await heapBytes()) };
}

async function underLoad(started: Started, name: string, url: string, token: string) {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(started.pid))), 100);
  const measurement: Measurement = await measure(name, url, { authorization: `Bearer ${token}` });
  clearInterval(sampler);
  peak = Math.max(peak, rssBytes(started.pid));
  return { measurement, row: { 'peak RSS MiB': MiB(peak), 'req/s': measurement.requestsPerSecond } };
}

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line![1]) * 1024;
}

async function lecternHeap(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(text.match(/^nodejs_heap_size_used_bytes (\S+)/m)![1]);
}

async function register(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `memory-${Date.now()}@example.test`,
      password: 'Bench-Pass-2026',
      full_name: 'Bench',
    }),
  });
  if (!response.ok) throw new Error(`register: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function getJson(url: string): Promise<unknown> {
  return (await fetch(url)).json();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function createPgDatabase(name: string) {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
