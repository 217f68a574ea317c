// GET /api/v1/users/me with a token, in one run beside (a) a bare Fastify hello-world and
// (b) a minimal hand-written equivalent (bare Fastify + jose with an imported key + one prepared
// query), on PostgreSQL (when DATABASE_URL is set) and on PGlite. Prints req/s, p99, c/a, c/b.
import { randomBytes } from 'node:crypto';

import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import pg from 'pg';

import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { DatabaseHandle } from '../src/platform/db/index.ts';
import { testEnv } from '../test/helpers/app.ts';
import { listen, measure, openBenchDatabase, printTable, ratio, startHelloWorld } from './harness.ts';

const secret = randomBytes(32).toString('hex');

for (const kind of ['postgres', 'pglite'] as const) {
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

  const hello = await startHelloWorld();
  const handWritten = await startHandWritten(kind, database);
  const server = await listen(lectern.app, '/api/v1/users/me');

  const a = await measure('(a) bare Fastify hello-world', hello.url);
  const b = await measure('(b) hand-written /users/me', handWritten.url, headers);
  const c = await measure('(c) Lectern /api/v1/users/me', server.url, headers);
  printTable(`GET /users/me on ${kind}`, [a, b, c]);
  console.log(`c/a = ${ratio(c, a)}   c/b = ${ratio(c, b)}`);

  await hello.close();
  await handWritten.close();
  await lectern.close();
  await drop();
}

/** What a careful engineer would write by hand: verify the JWT with a pre-imported key, one prepared query. */
async function startHandWritten(kind: 'postgres' | 'pglite', database: DatabaseHandle) {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const text =
    'select id, email, full_name, role, is_active, mfa_enabled, created_at, last_login_at from users where id = $1';
  const pool = kind === 'postgres' ? new pg.Pool({ connectionString: database.url, max: 10 }) : undefined;
  const query = async (id: string) =>
    pool
      ? (await pool.query({ name: 'users-me', text, values: [id] })).rows[0]
      : (await database.pglite!.query(text, [id])).rows[0];
  const app = Fastify();
  app.get('/me', async (request, reply) => {
    const token = request.headers.authorization?.slice(7) ?? '';
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: 'lectern',
        audience: 'lectern-api',
      });
      return await query(String(payload.sub));
    } catch {
      return reply.status(401).send({ detail: 'Could not validate credentials' });
    }
  });
  const server = await listen(app, '/me');
  return { url: server.url, close: async () => (await server.close(), await pool?.end()) };
}
