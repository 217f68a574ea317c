// The login bench's two hand-written servers: the baseline a careful engineer writes for the same
// sign-in, and the ceiling of any HTTP sign-in on the machine (a server that only verifies).
import { createHash, randomBytes, randomUUID } from 'node:crypto';

import { verify } from '@node-rs/argon2';
import Fastify from 'fastify';
import { SignJWT } from 'jose';
import pg from 'pg';

import type { DatabaseHandle } from '../src/platform/db/index.ts';
import { listen } from './harness.ts';

/**
 * What a careful engineer would write by hand: a prepared read of the credentials, argon2id off
 * the event loop, one statement that resets the failure count, moves the last login, opens the
 * session and stores the refresh token's digest, and a JWT signed with a pre-imported key.
 */
export async function startHandWritten(kind: 'postgres' | 'pglite', database: DatabaseHandle, secret: string) {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const readText = `select id, email, role, password_hash, is_active, locked_until, mfa_enabled
    from users where lower(email) = lower($1)`;
  const openText = `with u as (
      update users set failed_login_count = 0, locked_until = null, last_login_at = now() where id = $1),
    s as (insert into sessions (user_id, remember_me, expires_at, ip, user_agent)
      values ($1, false, now() + interval '7 days', $2, $3) returning id),
    r as (insert into refresh_tokens (session_id, token_hash, expires_at) select id, $4, now() + interval '7 days' from s)
    select id from s`;
  const pool = kind === 'postgres' ? new pg.Pool({ connectionString: database.url, max: 10 }) : undefined;
  const query = async <R>(name: string, text: string, values: unknown[]) =>
    pool
      ? ((await pool.query({ name, text, values })).rows[0] as R | undefined)
      : ((await database.pglite!.query(text, values)).rows[0] as R | undefined);
  const app = Fastify();
  app.post<{ Body: { email: string; password: string } }>('/login', async (request, reply) => {
    const { email, password } = request.body;
    const user = await query<{ id: string; email: string; role: string; password_hash: string; is_active: boolean }>(
      'login-read',
      readText,
      [email],
    );
    if (!user || !(await verify(user.password_hash, password)) || !user.is_active) {
      return reply.status(401).send({ detail: 'Incorrect email or password' });
    }
    const refreshToken = randomBytes(32).toString('base64url');
    const digest = createHash('sha256').update(refreshToken).digest('hex');
    const session = await query<{ id: string }>('login-open', openText, [
      user.id,
      request.ip,
      request.headers['user-agent'] ?? null,
      digest,
    ]);
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({ sid: session!.id, role: user.role, email: user.email })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer('lectern')
      .setAudience('lectern-api')
      .setIssuedAt(now)
      .setExpirationTime(now + 900)
      .setJti(randomUUID())
      .sign(key);
    return { access_token: accessToken, refresh_token: refreshToken, token_type: 'bearer' };
  });
  const server = await listen(app, '/login');
  return { app, url: server.url, close: async () => (await server.close(), await pool?.end()) };
}

/**
 * The most an HTTP sign-in can reach beside the raw verifies on this machine: the same requests
 * from the same load generator, each answered by one argon2id verify of the account's hash, held
 * in memory (no database, no session, no token). What separates it from the raw verifies is HTTP
 * and the load generator sharing the cores; what separates the logins from it is their work.
 */
export async function startVerifyOnly(hashes: Map<string, string>) {
  const app = Fastify();
  app.post<{ Body: { email: string; password: string } }>('/login', async (request, reply) => {
    const hash = hashes.get(request.body.email);
    if (!hash || !(await verify(hash, request.body.password))) {
      return reply.status(401).send({ detail: 'Incorrect email or password' });
    }
    return { ok: true };
  });
  return await listen(app, '/login');
}
