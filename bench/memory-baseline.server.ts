// The memory bench's baseline: what the runtime and the database client cost on their own. A bare
// Fastify process with the same database client Lectern opens (PGlite with Lectern's start
// parameters on a copy of Lectern's migrated data directory, or a pg pool of the same size),
// answering GET /me as a careful engineer would by hand (JWT verified with an imported key, one
// query that checks the session is alive and returns the user). GET /memory reports its heap.
// Run as a child process by memory.bench.ts (PORT, JWT_SECRET, DATABASE_URL or PGLITE_DIR);
// prints "ready" when listening.
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import pg from 'pg';

const env = process.env;
const pool = env['DATABASE_URL'] ? new pg.Pool({ connectionString: env['DATABASE_URL'], max: 10 }) : undefined;
const pglite = pool
  ? undefined
  : await PGlite.create({
      dataDir: env['PGLITE_DIR']!,
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
    });
const key = await crypto.subtle.importKey(
  'raw',
  new TextEncoder().encode(env['JWT_SECRET']!),
  { name: 'HMAC', hash: 'SHA-256' },
  false,
  ['verify'],
);
const text = `select u.id, u.email, u.full_name, u.role, u.is_active, u.mfa_enabled, u.created_at, u.last_login_at
  from sessions s join users u on u.id = s.user_id
  where s.id = $1 and s.user_id = $2 and s.revoked_at is null and s.expires_at > now() and u.is_active`;
const query = async (sessionId: string, userId: string) =>
  pool
    ? (await pool.query({ name: 'users-me', text, values: [sessionId, userId] })).rows[0]
    : (await pglite!.query(text, [sessionId, userId])).rows[0];

const app = Fastify();
app.get('/me', async (request, reply) => {
  try {
    const { payload } = await jwtVerify(request.headers.authorization?.slice(7) ?? '', key, {
      algorithms: ['HS256'],
      issuer: 'lectern',
      audience: 'lectern-api',
    });
    const user = await query(String(payload['sid']), String(payload.sub));
    return user ?? reply.status(401).send({ detail: 'Could not validate credentials' });
  } catch {
    return reply.status(401).send({ detail: 'Could not validate credentials' });
  }
});
app.get('/memory', async () => process.memoryUsage());
await app.listen({ host: '127.0.0.1', port: Number(env['PORT']) });
console.log('ready');
