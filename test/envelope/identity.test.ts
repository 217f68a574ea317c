// 004's identity service at /v1: the instructor and student logins (each refuses the other role;
// admins may use both), /v1/me, the refresh Lectern adds, and the platform's rules behind them:
// lockout, MFA, blocked accounts and revoked sessions. Tokens work across surfaces.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser, STRONG_PASSWORD } from '../helpers/factories.ts';
import { totp } from '../identity/identity-helpers.ts';
import { data, failure, v1 } from './helpers.ts';

const lectern = await startTestApp({ LOCKOUT_THRESHOLD: '3' });
const request = v1(lectern);
const login = (door: 'instructor' | 'student', email: string, password: string, remoteAddress?: string) =>
  request('POST', `/auth/${door}/login`, { payload: { email, password }, ...(remoteAddress ? { remoteAddress } : {}) });

describe('004 logins', () => {
  it('signs an instructor in at the instructor door with the documented shape', async () => {
    const teacher = await createUser(lectern, { role: 'instructor', fullName: 'John Doe' });
    const body = data(await login('instructor', teacher.email, teacher.password));
    assert.deepEqual(Object.keys(body).sort(), ['expires_in', 'refresh_token', 'token', 'user']);
    assert.deepEqual(body.user, { id: teacher.id, email: teacher.email, role: 'instructor', name: 'John Doe' });
    assert.equal(body.expires_in, 900);
    // The same platform token: it works on the native surface too.
    const me = await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${body.token}` },
    });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().id, teacher.id);
  });

  it('signs a student in at the student door; each door refuses the other role with a pointer', async () => {
    const student = await createUser(lectern, { fullName: 'Jane Smith' });
    const teacher = await createUser(lectern, { role: 'instructor' });
    const body = data(await login('student', student.email, student.password));
    assert.deepEqual(body.user, { id: student.id, email: student.email, role: 'student', name: 'Jane Smith' });

    const wrongDoor = failure(await login('instructor', student.email, student.password), 403, 'FORBIDDEN');
    assert.match(wrongDoor.message, /\/v1\/auth\/student\/login/);
    const reverse = failure(await login('student', teacher.email, teacher.password), 403, 'FORBIDDEN');
    assert.match(reverse.message, /\/v1\/auth\/instructor\/login/);
    // A refused door opens no session, and is not a failed attempt: the right door still works
    // after more refusals than the lockout threshold.
    for (let i = 0; i < 4; i++) await login('instructor', student.email, student.password);
    data(await login('student', student.email, student.password));
  });

  it('lets an admin use either door', async () => {
    const admin = await createUser(lectern, { role: 'admin' });
    assert.equal(data(await login('instructor', admin.email, admin.password)).user.role, 'admin');
    assert.equal(data(await login('student', admin.email, admin.password)).user.role, 'admin');
  });

  it('answers INVALID_CREDENTIALS for a wrong password or an unknown email, then locks the account', async () => {
    const student = await createUser(lectern);
    const wrong = failure(await login('student', student.email, 'Wrong-Pass-123'), 401, 'INVALID_CREDENTIALS');
    assert.equal(wrong.message, 'Invalid email or password');
    failure(await login('instructor', 'nobody@example.test', 'Wrong-Pass-123'), 401, 'INVALID_CREDENTIALS');
    await login('student', student.email, 'Wrong-Pass-123');
    await login('student', student.email, 'Wrong-Pass-123');
    const locked = await login('student', student.email, student.password);
    failure(locked, 423, 'ACCOUNT_LOCKED');
    assert.ok(Number(locked.headers['retry-after']) > 0);
  });

  it('refuses a blocked account', async () => {
    const student = await createUser(lectern);
    await lectern.database.db.updateTable('users').set({ is_active: false }).where('id', '=', student.id).execute();
    failure(await login('student', student.email, student.password), 403, 'ACCOUNT_BLOCKED');
  });

  it('points an account with MFA to the native MFA login, whose token works on /v1', async () => {
    const student = await createUser(lectern);
    const enable = await lectern.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enable', headers: student.auth });
    const { secret } = enable.json();
    const now = () => lectern.clock.now().getTime();
    await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/verify',
      headers: student.auth,
      payload: { code: totp(secret, now()) },
    });
    lectern.clock.advance(30_000);
    const refused = failure(await login('student', student.email, student.password), 401, 'MFA_REQUIRED');
    assert.match(refused.message, /POST \/api\/v1\/auth\/mfa\/login/);
    const mfa = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/login',
      payload: { email: student.email, password: student.password, mfa_code: totp(secret, now()) },
    });
    assert.equal(mfa.statusCode, 200, mfa.body);
    const me = data(await request('GET', '/me', { auth: { authorization: `Bearer ${mfa.json().access_token}` } }));
    assert.equal(me.id, student.id);
  });

  it('validates the body: 400 VALIDATION_ERROR with one detail per field', async () => {
    const missing = failure(await request('POST', '/auth/student/login', { payload: {} }), 400, 'VALIDATION_ERROR');
    assert.equal(missing.message, 'Validation failed');
    assert.ok(missing.details?.some((detail) => detail.field === 'email'));
    const badEmail = failure(
      await request('POST', '/auth/student/login', { payload: { email: 'not-an-email', password: 'x' } }),
      400,
      'VALIDATION_ERROR',
    );
    assert.deepEqual(
      badEmail.details?.map((detail) => detail.field),
      ['email'],
    );
    const extra = failure(
      await request('POST', '/auth/student/login', {
        payload: { email: 'a@example.test', password: 'x', role: 'admin' },
      }),
      400,
      'VALIDATION_ERROR',
    );
    assert.deepEqual(extra.details, [{ field: 'role', message: 'extra fields not permitted' }]);
    const malformed = await request('POST', '/auth/student/login', {
      payload: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    failure(malformed, 400, 'VALIDATION_ERROR');
  });
});

describe('GET /v1/me', () => {
  it('answers the signed-in user with name and created_at', async () => {
    const teacher = await createUser(lectern, { role: 'instructor', fullName: 'Ada Lovelace' });
    const token = data(await login('instructor', teacher.email, teacher.password)).token as string;
    const me = data(await request('GET', '/me', { auth: { authorization: `Bearer ${token}` } }));
    assert.deepEqual(Object.keys(me).sort(), ['created_at', 'email', 'id', 'name', 'role']);
    assert.equal(me.name, 'Ada Lovelace');
    assert.equal(me.role, 'instructor');
    assert.ok(!Number.isNaN(Date.parse(me.created_at)));
  });

  it('answers 401 UNAUTHORIZED without a token, with a bad one, and after logout', async () => {
    const missing = await request('GET', '/me');
    failure(missing, 401, 'UNAUTHORIZED');
    assert.equal(missing.headers['www-authenticate'], 'Bearer');
    const bad = failure(
      await request('GET', '/me', { auth: { authorization: 'Bearer nonsense' } }),
      401,
      'UNAUTHORIZED',
    );
    assert.equal(bad.message, 'Invalid or expired token');
    const student = await createUser(lectern);
    data(await request('GET', '/me', { auth: student }));
    await lectern.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: student.auth });
    failure(await request('GET', '/me', { auth: student }), 401, 'UNAUTHORIZED');
  });

  it('answers 401 once the token has expired', async () => {
    const student = await createUser(lectern);
    lectern.clock.advance(901_000);
    failure(await request('GET', '/me', { auth: student }), 401, 'UNAUTHORIZED');
  });
});

describe('POST /v1/auth/refresh', () => {
  it('trades the refresh token for a new token once; a reused one is refused', async () => {
    const student = await createUser(lectern);
    const first = data(await login('student', student.email, STRONG_PASSWORD));
    const refreshed = data(await request('POST', '/auth/refresh', { payload: { refresh_token: first.refresh_token } }));
    assert.deepEqual(Object.keys(refreshed).sort(), ['expires_in', 'refresh_token', 'token']);
    assert.notEqual(refreshed.refresh_token, first.refresh_token);
    data(await request('GET', '/me', { auth: { authorization: `Bearer ${refreshed.token}` } }));
    lectern.clock.advance(10_000);
    failure(
      await request('POST', '/auth/refresh', { payload: { refresh_token: first.refresh_token } }),
      401,
      'INVALID_REFRESH_TOKEN',
    );
  });
});
