// The users-me bench's hand-written server: bare Fastify, the JWT verified with a key imported
// once, one query (prepared on PostgreSQL) that checks the session is alive and returns the user
// row. `buildHandWritten` is used in the bench's own process; `serve` is one worker of its
// N-process baseline (run by bench/cluster-baseline.ts on PostgreSQL: BENCH_DATABASE_URL,
// BENCH_JWT_SECRET).
import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import pg from 'pg';

import { importJwtKey } from './jwt-key.ts';

/**
 * The session check every Lectern request makes, returning the account /users/me answers with:
 * the same 16 fields as Lectern's body (001's UserOut), `is_verified` computed in SQL.
 */
export const USERS_ME_SQL = `select u.id, u.email, u.phone, u.full_name, u.first_name, u.last_name, u.role, u.is_active,
    u.mfa_enabled, u.email_verified_at is not null as is_verified, u.email_verified_at, u.phone_verified_at,
    u.created_at, u.updated_at, u.last_login_at, u.avatar_url
    from sessions s join users u on u.id = s.user_id
    where s.id = $1 and s.user_id = $2 and s.revoked_at is null and s.expires_at > now() and u.is_active`;

export type UserQuery = (sessionId: string, userId: string) => Promise<unknown>;

export async function buildHandWritten(secret: string, query: UserQuery): Promise<FastifyInstance> {
  const key = await importJwtKey(secret);
  const app = Fastify();
  app.get('/me', async (request, reply) => {
    const token = request.headers.authorization?.slice(7) ?? '';
    try {
      const { payload } = await jwtVerify(token, key, {
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
  return app;
}

/** The prepared query through a `pg` pool. */
export function poolQuery(pool: pg.Pool): UserQuery {
  return async (sessionId, userId) =>
    (await pool.query({ name: 'users-me', text: USERS_ME_SQL, values: [sessionId, userId] })).rows[0];
}

export async function serve(port: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env['BENCH_DATABASE_URL'], max: 10 });
  const app = await buildHandWritten(process.env['BENCH_JWT_SECRET']!, poolQuery(pool));
  await app.listen({ host: '127.0.0.1', port });
}
