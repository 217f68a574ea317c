// Failed authentication is counted per address on every surface: after RATE_LIMIT_FAILED_AUTH_PER_MINUTE
// 401 answers to requests that presented credentials (wrong passwords, bad tokens), the address's
// credential-bearing requests answer 429 with Retry-After in the surface's own format, without
// being verified. Anonymous requests and other addresses are untouched.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser, uniqueEmail } from '../helpers/factories.ts';

const lectern = await startTestApp({ RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '3' });

const wrong = 'Wrong-Password-1';
const logins = [
  { surface: 'native', url: '/api/v1/auth/login', body: (email: string, password: string) => ({ email, password }) },
  {
    surface: 'gateway',
    url: '/api/v1/login',
    body: (email: string, password: string) => ({ email, mot_de_passe: password }),
  },
  { surface: 'django', url: '/api/auth/login/', body: (email: string, password: string) => ({ email, password }) },
  { surface: 'services', url: '/api/auth/login', body: (email: string, password: string) => ({ email, password }) },
  {
    surface: 'envelope',
    url: '/v1/auth/student/login',
    body: (email: string, password: string) => ({ email, password }),
  },
];

/** The 429 body each contract documents. */
const limitedShape: Record<string, (body: Record<string, unknown>) => void> = {
  native: (body) => assert.equal(typeof body['detail'], 'string'),
  gateway: (body) => {
    assert.equal(body['status_code'], 429);
    assert.equal(typeof body['error_code'], 'string');
  },
  django: (body) => assert.equal(typeof body['detail'], 'string'),
  // 003's auth service answers `{code, message}`.
  services: (body) => assert.equal(body['code'], 'RATE_LIMIT_EXCEEDED'),
  envelope: (body) => {
    assert.equal(body['success'], false);
    assert.equal(typeof (body['error'] as { code: unknown }).code, 'string');
  },
};

describe('failed-authentication limit per address', () => {
  for (const [index, login] of logins.entries()) {
    it(`${login.surface}: wrong passwords, then 429 with Retry-After, even for the right password`, async () => {
      const user = await createUser(lectern);
      const remoteAddress = `10.18.${index}.1`;
      const attempt = (password: string, address = remoteAddress) =>
        lectern.app.inject({
          method: 'POST',
          url: login.url,
          remoteAddress: address,
          payload: login.body(user.email, password),
        });
      // Unknown accounts so the account lockout (per user) stays out of the way.
      for (let n = 0; n < 3; n++) {
        const refused = await lectern.app.inject({
          method: 'POST',
          url: login.url,
          remoteAddress,
          payload: login.body(uniqueEmail(), wrong),
        });
        assert.equal(refused.statusCode, 401, refused.body);
      }
      const limited = await attempt(user.password);
      assert.equal(limited.statusCode, 429, limited.body);
      assert.ok(Number(limited.headers['retry-after']) >= 1);
      limitedShape[login.surface]!(limited.json());
      // Another address signs in as usual.
      assert.ok([200, 201].includes((await attempt(user.password, `10.18.${index}.2`)).statusCode));
    });
  }

  it('counts bad tokens and then refuses tokens from that address, not anonymous requests', async () => {
    const user = await createUser(lectern);
    const remoteAddress = '10.18.9.1';
    const me = (authorization: string, address = remoteAddress) =>
      lectern.app.inject({
        method: 'GET',
        url: '/api/v1/users/me',
        remoteAddress: address,
        headers: { authorization },
      });
    for (let n = 0; n < 3; n++) assert.equal((await me('Bearer not-a-token')).statusCode, 401);
    const limited = await me(user.auth.authorization);
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    assert.equal(typeof limited.json().detail, 'string');
    // The envelope surface answers in its own format for the same address.
    const envelope = await lectern.app.inject({
      method: 'GET',
      url: '/v1/auth/me',
      remoteAddress,
      headers: { authorization: 'Bearer not-a-token' },
    });
    assert.equal(envelope.statusCode, 429);
    assert.equal(envelope.json().success, false);
    // Anonymous public reads from the same address, and the same token elsewhere, still work.
    const anonymous = await lectern.app.inject({ method: 'GET', url: '/api/v1/courses', remoteAddress });
    assert.equal(anonymous.statusCode, 200);
    assert.equal((await me(user.auth.authorization, '10.18.9.2')).statusCode, 200);
  });

  it('does not count successful sign-ins or anonymous 401s', async () => {
    const user = await createUser(lectern);
    const remoteAddress = '10.18.10.1';
    for (let n = 0; n < 5; n++) {
      const anonymous = await lectern.app.inject({ method: 'GET', url: '/api/v1/users/me', remoteAddress });
      assert.equal(anonymous.statusCode, 401);
      const ok = await lectern.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        payload: { email: user.email, password: user.password },
      });
      assert.equal(ok.statusCode, 200);
    }
  });
});
