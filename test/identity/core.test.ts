// The foundation's account flows through the native surface: register, login, refresh,
// logout, /users/me, password change, and their security properties.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser, logIn, STRONG_PASSWORD, uniqueEmail } from '../helpers/factories.ts';

const ADMIN = { email: uniqueEmail('boot-admin'), password: 'Bootstrap-Admin-7' };
const lectern = await startTestApp({
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  REFRESH_REUSE_GRACE_SECONDS: '5',
});
const { app } = lectern;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('registration and login', () => {
  it('registers, answers 001 tokens, and stores an argon2id hash, never the password', async () => {
    const email = uniqueEmail();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email, password: STRONG_PASSWORD, full_name: 'Ada Lovelace' },
    });
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 900);
    const row = await lectern.database.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(row.first_name, 'Ada');
    assert.equal(row.last_name, 'Lovelace');
    assert.equal(row.role, 'student');
  });

  it('refuses a duplicate email case-insensitively with 409', async () => {
    const user = await createUser(lectern);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: user.email.toUpperCase(), password: STRONG_PASSWORD, full_name: 'Dup' },
    });
    assert.equal(response.statusCode, 409);
    assert.equal(typeof response.json().detail, 'string');
  });

  it('enforces the password policy, accepts long passphrases and refuses common passwords', async () => {
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email: uniqueEmail(), password, full_name: 'P' },
      });
    for (const weak of ['short1A', 'alllowercase1', 'ALLUPPERCASE1', 'NoDigitsHere', 'Password123', 'Qwerty123']) {
      const response = await attempt(weak);
      assert.equal(response.statusCode, 422, weak);
      assert.deepEqual(response.json().detail[0].loc, ['body', 'password']);
    }
    assert.equal((await attempt(`Aa1${'long passphrase '.repeat(5)}`)).statusCode, 201);
  });

  it('refuses mass assignment of role and is_active', async () => {
    const register = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: uniqueEmail(), password: STRONG_PASSWORD, full_name: 'Mallory', role: 'admin' },
    });
    assert.equal(register.statusCode, 422);
    const user = await createUser(lectern);
    for (const payload of [{ role: 'admin' }, { is_active: false }, { full_name: 'M', role: 'instructor' }]) {
      const patch = await app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: user.auth, payload });
      assert.equal(patch.statusCode, 422);
    }
    const me = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth });
    assert.equal(me.json().role, 'student');
    assert.equal(me.json().is_active, true);
  });

  it('logs in with 001 tokens and answers 401 on a wrong password or unknown email', async () => {
    const user = await createUser(lectern);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().token_type, 'bearer');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'Wrong-Password-1' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.headers['www-authenticate'], 'Bearer');
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: uniqueEmail(), password: 'Wrong-Password-1' },
    });
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(unknown.json(), wrong.json());
  });

  it('locks an account with 423 after repeated failures, for a bounded time', async () => {
    const user = await createUser(lectern);
    for (let i = 0; i < 5; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: 'Wrong-Password-1' },
      });
      assert.equal(response.statusCode, 401);
    }
    const locked = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    assert.equal(locked.statusCode, 423);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    // Failures during the lock do not extend it.
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'Wrong-Password-1' },
    });
    lectern.clock.advance(15 * 60_000 + 1000);
    const after = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    assert.equal(after.statusCode, 200);
  });
});

describe('refresh tokens and sessions', () => {
  it('rotates refresh tokens: the new one works, the old one does not', async () => {
    const user = await createUser(lectern);
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: user.refreshToken },
    });
    assert.equal(first.statusCode, 200);
    const rotated = first.json();
    assert.notEqual(rotated.refresh_token, user.refreshToken);
    const me = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(rotated.access_token) });
    assert.equal(me.statusCode, 200);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: user.refreshToken },
    });
    assert.equal(again.statusCode, 401);
  });

  it('revokes the whole family when an old refresh token is replayed later', async () => {
    const user = await createUser(lectern);
    const rotated = (
      await app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: user.refreshToken } })
    ).json();
    lectern.clock.advance(10_000);
    const replay = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: user.refreshToken },
    });
    assert.equal(replay.statusCode, 401);
    const descendant = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: rotated.refresh_token },
    });
    assert.equal(descendant.statusCode, 401);
    const access = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(rotated.access_token) });
    assert.equal(access.statusCode, 401);
  });

  it('gives exactly one success to 8 concurrent refreshes of one token', async () => {
    const user = await createUser(lectern);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: user.refreshToken } }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [200, 401, 401, 401, 401, 401, 401, 401]);
    // The winner's session survives a race inside the grace window.
    const winner = responses.find((r) => r.statusCode === 200)!.json();
    const me = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(winner.access_token) });
    assert.equal(me.statusCode, 200);
  });

  it('logout revokes the session: its access and refresh tokens stop working at once', async () => {
    const user = await createUser(lectern);
    const other = await logIn(app, user.email, user.password);
    const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: user.auth });
    assert.equal(logout.statusCode, 204);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth })).statusCode, 401);
    assert.equal(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: user.refreshToken } }))
        .statusCode,
      401,
    );
    // Another session of the same user is untouched.
    assert.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(other.access_token) })).statusCode,
      200,
    );
  });

  it('rejects tampered, expired, foreign-algorithm and missing tokens with 401', async () => {
    const user = await createUser(lectern);
    const [header, payload] = user.accessToken.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    for (const headers of [
      {},
      bearer(`${user.accessToken}x`),
      bearer(unsigned),
      bearer(`${header}.${payload}.AAAA`),
      { authorization: 'Basic abc' },
    ]) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers });
      assert.equal(response.statusCode, 401);
      assert.equal(typeof response.json().detail, 'string');
    }
    lectern.clock.advance(16 * 60_000);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth })).statusCode, 401);
    lectern.clock.advance(-16 * 60_000);
  });
});

describe('the signed-in user', () => {
  it('reads /users/me in 001 shape without any secret', async () => {
    const user = await createUser(lectern, { fullName: 'Grace Hopper' });
    const response = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth });
    assert.equal(response.statusCode, 200);
    const me = response.json();
    for (const field of ['id', 'email', 'full_name', 'role', 'is_active', 'mfa_enabled', 'created_at', 'last_login_at'])
      assert.ok(field in me, field);
    assert.equal(me.full_name, 'Grace Hopper');
    assert.match(me.created_at, /Z$/);
    assert.doesNotMatch(response.body, /argon2|password|mfa_secret|failed_login/);
  });

  it('updates names: full_name splits, first/last recompute full_name', async () => {
    const user = await createUser(lectern);
    const full = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/me',
      headers: user.auth,
      payload: { full_name: 'John  Ronald Tolkien' },
    });
    assert.equal(full.statusCode, 200);
    assert.equal(full.json().first_name, 'John');
    assert.equal(full.json().last_name, 'Ronald Tolkien');
    const parts = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/me',
      headers: user.auth,
      payload: { last_name: 'Smith' },
    });
    assert.equal(parts.json().full_name, 'John Smith');
  });

  it('changes the password: wrong current → 400, other sessions end, the new password works', async () => {
    const user = await createUser(lectern);
    const otherSession = await logIn(app, user.email, user.password);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/users/me/password',
      headers: user.auth,
      payload: { current_password: 'Nope-Nope-1', new_password: 'Another-Pass-42' },
    });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().detail, 'Current password is incorrect');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/users/me/password',
      headers: user.auth,
      payload: { current_password: user.password, new_password: 'Another-Pass-42' },
    });
    assert.equal(ok.statusCode, 204);
    assert.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(otherSession.access_token) }))
        .statusCode,
      401,
    );
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth })).statusCode, 200);
    await logIn(app, user.email, 'Another-Pass-42');
  });
});

describe('bootstrap admin and the dev outbox', () => {
  it('creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD, who reads the outbox', async () => {
    const admin = await logIn(app, ADMIN.email, ADMIN.password);
    const student = await createUser(lectern);
    await lectern.queue.settle();
    const outbox = await app.inject({
      method: 'GET',
      url: `/api/v1/admin/outbox?recipient=${encodeURIComponent(student.email)}`,
      headers: bearer(admin.access_token),
    });
    assert.equal(outbox.statusCode, 200);
    const page = outbox.json();
    assert.equal(page.total, 1);
    assert.equal(page.items[0].channel, 'email');
    assert.equal(page.items[0].subject, 'Welcome to Lectern!');
    const me = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(admin.access_token) });
    assert.equal(me.json().role, 'admin');
  });

  it('forbids the outbox to students (403) and to anonymous callers (401)', async () => {
    const student = await createUser(lectern);
    const forbidden = await app.inject({ method: 'GET', url: '/api/v1/admin/outbox', headers: student.auth });
    assert.equal(forbidden.statusCode, 403);
    assert.deepEqual(forbidden.json(), { detail: 'Not authorized to perform this action' });
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/admin/outbox' })).statusCode, 401);
  });
});
