// Sign-in with email and password at 20 connections: N users with real argon2id hashes (the
// product's OWASP parameters, made by registering through HTTP) sign in through 001's
// POST /api/v1/auth/login, round robin, beside (a) the baseline: raw argon2id verifies of
// the same hashes and passwords at the same concurrency, and (b) a hand-written Fastify login
// (prepared user read, verify, one statement for session + refresh token + last login, jose sign),
// and (d) the ceiling of any HTTP sign-in here: a server that answers each request with one verify
// of the account's hash held in memory (bench/login.baseline.ts).
// Also counts Lectern's database round trips per login on PostgreSQL (every statement its pool's
// clients send inside the login requests, BEGIN and COMMIT included; the event handlers that run
// later on the queue worker are not part of the request and not counted), from a device the
// account knows (the load's case) and from a new one; and, during the load on both databases, the
// statements per login of the request and of the background work its events cause.
// On a loaded machine the three runs, one after the other, meet different neighbours; so the bench
// also prints the CPU time each one spent per operation (this process: argon2's threads, the
// server, the queue workers and autocannon's thread; plus, on PostgreSQL, the backends of the bench
// database), which a neighbour changes far less than throughput.
// On PostgreSQL (DATABASE_URL or the local default) and on PGlite.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import pg from 'pg';

import type { Lectern } from '../src/app.ts';
import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { DatabaseHandle } from '../src/platform/db/index.ts';
import { testEnv } from '../test/helpers/app.ts';
import type { Measurement } from './harness.ts';
import { BENCH_SECONDS, listen, openBenchDatabase, printTable, ratio, reportSummary } from './harness.ts';
import type { CompletionCosts } from './lesson-progress.profile.ts';
import { watchLectern } from './lesson-progress.profile.ts';
import { startHandWritten, startVerifyOnly } from './login.baseline.ts';

const USERS = Number(process.env['BENCH_USERS'] ?? 40);
const CONNECTIONS = Number(process.env['BENCH_LOGIN_CONNECTIONS'] ?? 20);
const PASSWORD = 'Bench-Pass-2026';
const kinds = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];
const REQUEST_HOOK = fileURLToPath(new URL('./login.request.ts', import.meta.url));
const secret = randomBytes(32).toString('hex');

// Round-trip counter: every query a pg client sends while the async flow is inside `counting`.
const counting = new AsyncLocalStorage<{ n: number }>();
const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const counter = counting.getStore();
  if (counter) counter.n++;
  return clientQuery.apply(this, args);
} as typeof pg.Client.prototype.query;

for (const kind of kinds) {
  const { database, drop } = await openBenchDatabase(kind, 'login');
  const env = testEnv({
    JWT_SECRET: secret,
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
    RATE_LIMIT_API_PER_HOUR: '100000000',
  });
  const lectern = await createLectern(loadConfig(env), { database });
  const emails = await registerUsers(lectern);
  const hashes = await lectern.database.db
    .selectFrom('users')
    .select(['email', 'password_hash'])
    .where('email', 'in', emails)
    .execute();
  console.log(`\n[${kind}] ${emails.length} users with argon2id hashes; ${CONNECTIONS} connections`);

  const handWritten = await startHandWritten(kind, database, secret);
  const verifyOnly = await startVerifyOnly(new Map(hashes.map((row) => [row.email!, row.password_hash!])));
  const server = await listen(lectern.app, '/api/v1/auth/login');
  const bodies = emails.map((email) => ({ email, password: PASSWORD }));

  const cpu = cpuMeter(database);
  const a = await rawVerifies(
    hashes.map((row) => row.password_hash!),
    cpu,
  );
  const b = await logins('(b) hand-written Fastify login', handWritten.url, bodies, cpu);
  let costs: CompletionCosts | undefined;
  const c = await logins('(c) Lectern POST /api/v1/auth/login', server.url, bodies, cpu, async () => {
    const costsOf = await watchLectern(lectern, `login-${kind}`, true);
    return async () => void (costs = await costsOf());
  });
  const d = await logins('(d) ceiling: HTTP + verify only', verifyOnly.url, bodies, cpu);
  printTable(`sign-in on ${kind}`, [a, b, c, d]);
  console.log(
    `c/a = ${ratio(c, a)}   c/b = ${ratio(c, b)}   b/a = ${ratio(b, a)}   d/a = ${ratio(d, a)}   c/d = ${ratio(c, d)}`,
  );
  const perOp = (m: Measured) => m.cpuMsPerOp.toFixed(2);
  console.log(
    `CPU ms per operation: a ${perOp(a)}, b ${perOp(b)}, c ${perOp(c)}, d ${perOp(d)}   ` +
      `a/c = ${(a.cpuMsPerOp / c.cpuMsPerOp).toFixed(3)}   b/c = ${(b.cpuMsPerOp / c.cpuMsPerOp).toFixed(3)}`,
  );
  printStatements(costs!, c.operations);
  await cpu.close();
  if (kind === 'postgres') {
    const lecternTrips = await roundTrips((body) => injectLogin(lectern, body), bodies);
    const handTrips = await roundTrips(
      async (body) => await handWritten.app.inject({ method: 'POST', url: '/login', payload: body }),
      bodies,
    );
    // A device an account has not signed in from takes a transaction (it may be worth an alert).
    let device = 0;
    const newDeviceTrips = await roundTrips((body) => injectLogin(lectern, body, `Bench-Device/${device++}`), bodies);
    console.log(
      `database round trips per login: Lectern ${lecternTrips} (from a new device ${newDeviceTrips}), hand-written ${handTrips}`,
    );
  }
  reportSummary({
    workload: `login, ${CONNECTIONS} conns (${kind})`,
    lectern: c.requestsPerSecond,
    baseline: a.requestsPerSecond,
    unit: 'logins/s vs argon2 verifies/s',
    ratio: c.requestsPerSecond / a.requestsPerSecond,
    p99Ms: c.p99Ms,
    goal: '≥ 0.90 of raw argon2id',
  });

  await handWritten.close();
  await verifyOnly.close();
  await lectern.close();
  await drop();
}

/** USERS accounts registered through HTTP, so each has its own argon2id hash as the product makes it. */
async function registerUsers(lectern: Lectern): Promise<string[]> {
  const emails = Array.from({ length: USERS }, (_, i) => `login-${i}-${randomBytes(4).toString('hex')}@bench.test`);
  for (let i = 0; i < emails.length; i += 4) {
    await Promise.all(
      emails.slice(i, i + 4).map(async (email) => {
        const response = await lectern.app.inject({
          method: 'POST',
          url: '/api/v1/auth/register',
          payload: { email, password: PASSWORD, full_name: 'Bench User' },
        });
        if (response.statusCode !== 201) throw new Error(`register failed: ${response.body}`);
      }),
    );
  }
  return emails;
}

/** The baseline the issue names: argon2id verifies of the users' hashes, CONNECTIONS at a time, no HTTP. */
async function rawVerifies(hashes: string[], cpu: CpuMeter): Promise<Measured> {
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    const end = performance.now() + seconds * 1000;
    let next = 0;
    let failures = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end) {
          const started = performance.now();
          if (!(await verify(hashes[next++ % hashes.length]!, PASSWORD))) failures++;
          latencies.push(performance.now() - started);
        }
      }),
    );
    return { latencies, failures };
  };
  await run(1); // warm-up
  const spent = await cpu.start();
  const { latencies, failures } = await run(BENCH_SECONDS);
  const cpuMsPerOp = (await spent()) / latencies.length;
  latencies.sort((x, y) => x - y);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))]! * 10) / 10;
  return {
    name: '(a) raw argon2id verify',
    requestsPerSecond: Math.round(latencies.length / BENCH_SECONDS),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    errors: failures,
    non2xx: 0,
    cpuMsPerOp,
    operations: latencies.length,
  };
}

/** POSTs the users' credentials round robin from autocannon's worker thread. */
async function logins(
  name: string,
  url: string,
  bodies: object[],
  cpu: CpuMeter,
  watch?: () => Promise<() => Promise<void>>,
): Promise<Measured> {
  const file = join(tmpdir(), `lectern-bench-logins-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(bodies));
  process.env['LECTERN_BENCH_LOGINS'] = file;
  const options = {
    url,
    workers: 1,
    requests: [{ method: 'POST', setupRequest: REQUEST_HOOK } as unknown as autocannon.Request],
  };
  // Warm-up: every user signs in once from this client (a first sign-in from a device is not the
  // steady state measured), then a second of load.
  await autocannon({ ...options, connections: 10, amount: bodies.length });
  await autocannon({ ...options, connections: 10, duration: 1 });
  const watched = await watch?.();
  const spent = await cpu.start();
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: BENCH_SECONDS });
  const cpuMsPerOp = (await spent()) / result.requests.total;
  await watched?.();
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpuMsPerOp,
    operations: result.requests.total,
  };
}

type Measured = Measurement & { cpuMsPerOp: number; operations: number };

/** Lectern's statements per login: the request's, and the background work its event causes. */
function printStatements({ counts, drainMs }: CompletionCosts, logins: number): void {
  const per = (n: number) => (n / logins).toFixed(2);
  console.log(
    `statements per login: request ${per(counts.request.statements)} (commits ${per(counts.request.commits)}), ` +
      `background ${per(counts.background.statements)} (commits ${per(counts.background.commits)}); ` +
      `background work drained ${drainMs} ms after the last answer`,
  );
}
type CpuMeter = ReturnType<typeof cpuMeter>;

/**
 * CPU time spent between `start()` and the call it returns, in ms: this process, plus on
 * PostgreSQL the backends connected to the bench database (read from /proc; Linux).
 */
function cpuMeter(database: DatabaseHandle) {
  const admin = database.url ? new pg.Client({ connectionString: database.url }) : undefined;
  const connected = admin?.connect();
  const backends = async () => {
    if (!admin) return [];
    await connected;
    const { rows } = await admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    return rows.map((row) => row.pid);
  };
  const ticks = (pid: number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return Number(fields[11]) + Number(fields[12]); // utime + stime, in 10 ms ticks
    } catch {
      return 0; // a backend that ended
    }
  };
  const processMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  return {
    async start() {
      const pids = await backends();
      const before = processMs() + pids.reduce((sum, pid) => sum + ticks(pid) * 10, 0);
      return async () => {
        const after = processMs() + pids.reduce((sum, pid) => sum + ticks(pid) * 10, 0);
        return after - before;
      };
    },
    close: async () => void (await admin?.end()),
  };
}

async function injectLogin(lectern: Lectern, body: object, userAgent = 'Bench'): Promise<void> {
  const response = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: body,
    headers: { 'user-agent': userAgent },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
}

/** Statements sent per login, averaged over one sequential login per user. */
async function roundTrips(login: (body: object) => Promise<unknown>, bodies: object[]): Promise<string> {
  // Warm the pool first: a connection opened inside the count would leave the counted async flow.
  // Every user signs in once, so the counted sign-ins come from a device each account knows.
  for (let i = 0; i < bodies.length; i += 4) await Promise.all(bodies.slice(i, i + 4).map(login));
  const counter = { n: 0 };
  for (const body of bodies) await counting.run(counter, () => login(body));
  return (counter.n / bodies.length).toFixed(1);
}
