// The memory bench's baseline: what the runtime and the database client cost on their own. A bare
// Fastify process with the same database client Lectern opens (PGlite with Lectern's start
// parameters on a copy of Lectern's migrated data directory, or a pg pool of the same size),
// answering GET /me with the users-me bench's hand-written server (JWT verified with an imported
// key, one query that checks the session is alive and returns the user). GET /memory reports its
// heap. Run as a child process by memory.bench.ts (PORT, JWT_SECRET, DATABASE_URL or PGLITE_DIR);
// prints "ready" when listening.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

import type { UserQuery } from './users-me.baseline.ts';
import { buildHandWritten, poolQuery, USERS_ME_SQL } from './users-me.baseline.ts';

const env = process.env;
const pool = env['DATABASE_URL'] ? new pg.Pool({ connectionString: env['DATABASE_URL'], max: 10 }) : undefined;
const pglite = pool
  ? undefined
  : await PGlite.create({
      dataDir: env['PGLITE_DIR']!,
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
    });
const query: UserQuery = pool
  ? poolQuery(pool)
  : async (sessionId, userId) => (await pglite!.query(USERS_ME_SQL, [sessionId, userId])).rows[0];

const app = await buildHandWritten(env['JWT_SECRET']!, query);
app.get('/memory', async () => process.memoryUsage());
await app.listen({ host: '127.0.0.1', port: Number(env['PORT']) });
console.log('ready');
