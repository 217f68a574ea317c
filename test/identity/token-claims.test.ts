// What an access token says, on every surface: 000's sub/email/role/roles/exp/iat and 003's
// roles (with `user`), permissions and iss; an expired token is told apart from a forged one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { decodeJwt } from 'jose';

import { startTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();

describe('access token claims', () => {
  it('carries email, roles and permissions derived from the role', async () => {
    const student = await createUser(lectern);
    const claims = decodeJwt(student.accessToken);
    assert.equal(claims.sub, student.id);
    assert.equal(claims['email'], student.email);
    assert.equal(claims['role'], 'student');
    assert.deepEqual(claims['roles'], ['user', 'student']);
    assert.deepEqual(claims['permissions'], ['read:profile', 'write:profile', 'read:courses']);
    assert.equal(typeof claims.iss, 'string');
    assert.equal(typeof claims.iat, 'number');
    assert.equal(claims.exp! - claims.iat!, 900);

    const admin = await createUser(lectern, { role: 'admin' });
    assert.deepEqual(decodeJwt(admin.accessToken)['permissions'], [
      'read:profile',
      'write:profile',
      'read:courses',
      'write:courses',
      'manage:users',
    ]);
    const refreshed = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: admin.refreshToken },
    });
    assert.equal(refreshed.statusCode, 200);
    assert.equal(decodeJwt(refreshed.json().access_token)['email'], admin.email);
  });

  it('refuses an expired token with its own code', async () => {
    const student = await createUser(lectern);
    lectern.clock.advance(901_000);
    const response = await lectern.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: student.auth });
    assert.equal(response.statusCode, 401);
    assert.deepEqual(response.json(), { detail: 'Token has expired' });
    const gateway = await lectern.app.inject({
      method: 'PUT',
      url: '/api/v1/users/me',
      headers: student.auth,
      payload: {},
    });
    assert.equal(gateway.json().error_code, 'TOKEN_EXPIRED');
  });
});
