// GET /api/v1/users/me with a token, in one run beside (a) a bare Fastify hello-world and
// (b) a minimal hand-written equivalent with the same semantics (bare Fastify + jose with an
// imported key + one prepared query that checks the session is alive and returns the user, with
// the same body as Lectern's, checked before measuring), on PostgreSQL (DATABASE_URL or the local
// default) and on PGlite. Prints req/s, p99, c/a, c/b.
// On PostgreSQL also Lectern as `serve --workers N` against the hand-written server as N processes,
// each with its CPU µs per request (every server process, the database's backends, Redis).
// BENCH_DATABASES=postgres,pglite picks the databases; BENCH_IN_PROCESS=off skips the in-process
// runs (only the N-process one, on PostgreSQL).
import { deepStrictEqual } from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import pg from 'pg';

import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { DatabaseHandle } from '../src/platform/db/index.ts';
import { testEnv } from '../test/helpers/app.ts';
import {
  listen,
  measure,
  measureWorkers,
  openBenchDatabase,
  printTable,
  ratio,
  reportMeasured,
  startHelloWorld,
} from './harness.ts';
import type { UserQuery } from './users-me.baseline.ts';
import { buildHandWritten, poolQuery, USERS_ME_SQL } from './users-me.baseline.ts';

const secret = randomBytes(32).toString('hex');
const kinds = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];
const inProcess = process.env['BENCH_IN_PROCESS'] !== 'off';

for (const kind of kinds) {
  const { database, drop } = await openBenchDatabase(kind, 'users_me');
  const env = testEnv({
    JWT_SECRET: secret,
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    RATE_LIMIT_API_PER_HOUR: '100000000',
  });
  const lectern = await createLectern(loadConfig(env), { database });
  const register = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email: `bench-${Date.now()}@example.test`, password: 'Bench-Pass-2026', full_name: 'Bench User' },
  });
  const token = register.json().access_token as string;
  const headers = { authorization: `Bearer ${token}` };

  if (inProcess) {
    const hello = await startHelloWorld();
    const handWritten = await startHandWritten(kind, database);
    const server = await listen(lectern.app, '/api/v1/users/me');
    await assertSameBody(handWritten.url, server.url, headers);

    const a = await measure('(a) bare Fastify hello-world', hello.url);
    const b = await measure('(b) hand-written /users/me', handWritten.url, headers);
    const c = await measure('(c) Lectern /api/v1/users/me', server.url, headers);
    printTable(`GET /users/me on ${kind}`, [a, b, c]);
    console.log(`c/a = ${ratio(c, a)}   c/b = ${ratio(c, b)}`);
    reportMeasured(`GET /users/me (${kind})`, c, b, '≥ 0.80 of hand-written');
    await hello.close();
    await handWritten.close();
  }
  await lectern.close();
  // The same request to N Lectern processes and to N hand-written ones (PGlite is one process's).
  if (kind === 'postgres')
    await measureWorkers({
      workload: 'GET /users/me',
      path: '/api/v1/users/me',
      headers,
      env: { ...env, DATABASE_URL: database.url },
      goal: '≥ 0.80 of hand-written',
      baseline: {
        module: './users-me.baseline.ts',
        path: '/me',
        env: { BENCH_DATABASE_URL: database.url, BENCH_JWT_SECRET: secret },
      },
    });
  await drop();
}

/** What a careful engineer would write by hand: verify the JWT with a pre-imported key, one prepared query. */
async function startHandWritten(kind: 'postgres' | 'pglite', database: DatabaseHandle) {
  const pool = kind === 'postgres' ? new pg.Pool({ connectionString: database.url, max: 10 }) : undefined;
  const query: UserQuery = pool
    ? poolQuery(pool)
    : async (sessionId, userId) => (await database.pglite!.query(USERS_ME_SQL, [sessionId, userId])).rows[0];
  const server = await listen(await buildHandWritten(secret, query), '/me');
  return { url: server.url, close: async () => (await server.close(), await pool?.end()) };
}

/** The baseline is only honest if it answers with the same body (field order aside). */
async function assertSameBody(baselineUrl: string, lecternUrl: string, headers: Record<string, string>) {
  const [baseline, lectern] = await Promise.all(
    [baselineUrl, lecternUrl].map(async (url) => (await fetch(url, { headers })).json()),
  );
  deepStrictEqual(baseline, lectern, "the hand-written /users/me must answer with Lectern's body");
}
