// 002's authentication through HTTP: SimpleJWT token pairs, rotation, logout blacklisting,
// registration (a `role` is ignored), DRF's error dicts, APPEND_SLASH.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser, STRONG_PASSWORD, uniqueEmail } from '../helpers/factories.ts';

const lectern = await startTestApp();
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  lectern.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('002 authentication', () => {
  it('registers a student (role ignored), 201 with tokens and the user', async () => {
    const email = uniqueEmail('drf');
    const response = await post('/api/auth/register/', {
      email,
      password: STRONG_PASSWORD,
      password2: STRONG_PASSWORD,
      first_name: 'Ada',
      last_name: 'Lovelace',
      role: 'admin',
      is_staff: true,
    });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json();
    assert.equal(typeof body.access, 'string');
    assert.equal(typeof body.refresh, 'string');
    assert.equal(body.user.email, email);
    assert.equal(body.user.first_name, 'Ada');
    assert.equal(body.user.role, 'student');
    assert.equal(response.headers['location'], '/api/users/me/');
    const stored = await lectern.database.db
      .selectFrom('users')
      .select('role')
      .where('id', '=', body.user.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.role, 'student');
  });

  it('lists every invalid field at once as DRF does', async () => {
    const response = await post('/api/auth/register/', { email: 'not-an-email' });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json(), {
      email: ['Enter a valid email address.'],
      password: ['This field is required.'],
    });
  });

  it('refuses mismatched passwords and a taken email with field errors', async () => {
    const mismatch = await post('/api/auth/register/', {
      email: uniqueEmail(),
      password: STRONG_PASSWORD,
      password2: 'Other-Pass-123',
    });
    assert.equal(mismatch.statusCode, 400);
    assert.deepEqual(mismatch.json(), { password: ["Password fields didn't match."] });
    const user = await createUser(lectern);
    const taken = await post('/api/auth/register/', { email: user.email, password: STRONG_PASSWORD });
    assert.equal(taken.statusCode, 400);
    assert.ok(Array.isArray(taken.json().email));
  });

  it('logs in with {access, refresh, user}; wrong password is 401 {detail}', async () => {
    const user = await createUser(lectern);
    const ok = await post('/api/auth/login/', { email: user.email, password: user.password });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().user.id, user.id);
    const me = await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${ok.json().access}` },
    });
    assert.equal(me.statusCode, 200);
    const bad = await post('/api/auth/login/', { email: user.email, password: 'Wrong-Pass-1' });
    assert.equal(bad.statusCode, 401);
    assert.equal(typeof bad.json().detail, 'string');
    assert.deepEqual(Object.keys(bad.json()), ['detail']);
  });

  it('refreshes with rotation and blacklists on logout', async () => {
    const user = await createUser(lectern);
    const login = (await post('/api/auth/login/', { email: user.email, password: user.password })).json();
    const refreshed = await post('/api/auth/refresh/', { refresh: login.refresh });
    assert.equal(refreshed.statusCode, 200);
    const pair = refreshed.json();
    assert.notEqual(pair.refresh, login.refresh);
    assert.equal(typeof pair.access, 'string');

    const logout = await post('/api/auth/logout/', { refresh: pair.refresh });
    assert.equal(logout.statusCode, 204);
    const again = await post('/api/auth/refresh/', { refresh: pair.refresh });
    assert.equal(again.statusCode, 401);
    const me = await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${pair.access}` },
    });
    assert.equal(me.statusCode, 401);
    const missing = await post('/api/auth/refresh/', {});
    assert.deepEqual(missing.json(), { refresh: ['This field is required.'] });
  });

  it('answers password reset the same for unknown addresses; a bad token is 400', async () => {
    const unknown = await post('/api/auth/password-reset/', { email: uniqueEmail('nobody') });
    assert.equal(unknown.statusCode, 200);
    assert.equal(typeof unknown.json().detail, 'string');
    const confirm = await post('/api/auth/password-reset-confirm/', { token: 'nope', new_password: STRONG_PASSWORD });
    assert.equal(confirm.statusCode, 400);
    const verify = await post('/api/auth/verify-email/', { token: 'nope' });
    assert.equal(verify.statusCode, 400);
  });

  it('answers unknown paths and wrong methods in DRF format', async () => {
    const missing = await lectern.app.inject({ method: 'GET', url: '/api/nothing-here/' });
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), { detail: 'Not found.' });
    const wrong = await lectern.app.inject({ method: 'GET', url: '/api/auth/login/' });
    assert.equal(wrong.statusCode, 405);
    assert.deepEqual(wrong.json(), { detail: 'Method "GET" not allowed.' });
    assert.equal(wrong.headers['allow'], 'POST');
    const malformed = await lectern.app.inject({
      method: 'POST',
      url: '/api/auth/login/',
      headers: { 'content-type': 'application/json' },
      payload: '{nope',
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal(typeof malformed.json().detail, 'string');
  });
});
