// One worker of the users-me bench's N-process baseline (run by bench/cluster-baseline.ts, on
// PostgreSQL: BENCH_DATABASE_URL, BENCH_JWT_SECRET): the same hand-written server as
// `startHandWritten` in users-me.bench.ts — bare Fastify, the JWT verified with a key imported
// once, one prepared query that checks the session is alive and returns the user row. Keep the
// two in step.
import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import pg from 'pg';

export async function serve(port: number): Promise<void> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(process.env['BENCH_JWT_SECRET']!),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const text = `select u.id, u.email, u.full_name, u.role, u.is_active, u.mfa_enabled, u.created_at, u.last_login_at
    from sessions s join users u on u.id = s.user_id
    where s.id = $1 and s.user_id = $2 and s.revoked_at is null and s.expires_at > now() and u.is_active`;
  const pool = new pg.Pool({ connectionString: process.env['BENCH_DATABASE_URL'], max: 10 });
  const app = Fastify();
  app.get('/me', async (request, reply) => {
    const token = request.headers.authorization?.slice(7) ?? '';
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: 'lectern',
        audience: 'lectern-api',
      });
      const values = [String(payload['sid']), String(payload.sub)];
      const user = (await pool.query({ name: 'users-me', text, values })).rows[0] as unknown;
      return user ?? reply.status(401).send({ detail: 'Could not validate credentials' });
    } catch {
      return reply.status(401).send({ detail: 'Could not validate credentials' });
    }
  });
  await app.listen({ host: '127.0.0.1', port });
}
