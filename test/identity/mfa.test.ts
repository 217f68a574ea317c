// TOTP MFA through HTTP: enable, verify, MFA login, recovery codes, disable; codes computed by
// the test with its own RFC 6238 implementation; the secret is encrypted at rest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';
import { totp } from './identity-helpers.ts';

const lectern = await startTestApp();
const { app } = lectern;
const post = (url: string, payload?: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, ...(payload ? { payload } : {}), headers });
const now = () => lectern.clock.now().getTime();
/** Moves to the next 30 s step so a fresh code is accepted (each step's code works once). */
const nextStep = () => lectern.clock.advance(30_000);

async function enableMfa(user: TestUser): Promise<{ secret: string; recoveryCodes: string[] }> {
  const enable = await post('/auth/mfa/enable', undefined, user.auth);
  assert.equal(enable.statusCode, 200);
  const { secret } = enable.json();
  const verify = await post('/auth/mfa/verify', { code: totp(secret, now()) }, user.auth);
  assert.equal(verify.statusCode, 200);
  nextStep();
  return { secret, recoveryCodes: verify.json().recovery_codes };
}

describe('MFA set-up', () => {
  it('enables with a secret and an otpauth URL from issuer Lectern, encrypted at rest', async () => {
    const user = await createUser(lectern);
    const enable = await post('/auth/mfa/enable', undefined, user.auth);
    assert.equal(enable.statusCode, 200);
    const { secret, provisioning_url } = enable.json();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const url = new URL(provisioning_url);
    assert.equal(url.protocol, 'otpauth:');
    assert.equal(url.searchParams.get('issuer'), 'Lectern');
    assert.equal(url.searchParams.get('secret'), secret);
    assert.ok(decodeURIComponent(url.pathname).includes(user.email));

    const row = await lectern.database.db
      .selectFrom('users')
      .select(['mfa_secret_encrypted', 'mfa_enabled'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.mfa_enabled, false, 'not active before verification');
    assert.ok(row.mfa_secret_encrypted);
    assert.ok(!row.mfa_secret_encrypted.includes(secret));
    assert.match(row.mfa_secret_encrypted, /^v1\./);

    const wrong = await post(
      '/auth/mfa/verify',
      { code: totp(secret, now()) === '000000' ? '111111' : '000000' },
      user.auth,
    );
    assert.equal(wrong.statusCode, 400);
    const verify = await post('/auth/mfa/verify', { code: totp(secret, now()) }, user.auth);
    assert.equal(verify.statusCode, 200);
    assert.equal(verify.json().message, 'MFA enabled successfully');
    assert.equal(verify.json().recovery_codes.length, 10);
    const me = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth });
    assert.equal(me.json().mfa_enabled, true);
    assert.doesNotMatch(me.body, new RegExp(secret));
    assert.equal((await post('/auth/mfa/enable', undefined, user.auth)).statusCode, 409);
  });

  it('needs a signed-in user', async () => {
    assert.equal((await post('/auth/mfa/enable')).statusCode, 401);
    assert.equal((await post('/auth/mfa/verify', { code: '123456' })).statusCode, 401);
  });
});

describe('MFA login', () => {
  it('refuses password-only login and accepts password plus a current code', async () => {
    const user = await createUser(lectern);
    const { secret } = await enableMfa(user);
    const plain = await post('/auth/login', { email: user.email, password: user.password });
    assert.equal(plain.statusCode, 401);
    assert.match(plain.json().detail, /MFA code/);
    const ok = await post('/auth/mfa/login', {
      email: user.email,
      password: user.password,
      mfa_code: totp(secret, now()),
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().token_type, 'bearer');
    assert.equal(ok.json().expires_in, 900);
    assert.equal(
      (
        await app.inject({
          method: 'GET',
          url: '/api/v1/users/me',
          headers: { authorization: `Bearer ${ok.json().access_token}` },
        })
      ).statusCode,
      200,
    );
  });

  it("signs in through 000's /login with an optional mfa_code", async () => {
    const user = await createUser(lectern);
    const { secret } = await enableMfa(user);
    const without = await post('/login', { email: user.email, mot_de_passe: user.password });
    assert.equal(without.statusCode, 401);
    assert.equal(without.json().error_code, 'IDENTITY_MFA_REQUIRED');
    const ok = await post('/login', { email: user.email, mot_de_passe: user.password, mfa_code: totp(secret, now()) });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().user.id, user.id);
  });

  it('accepts a code once: a replay in the same step is refused', async () => {
    const user = await createUser(lectern);
    const { secret } = await enableMfa(user);
    const code = totp(secret, now());
    assert.equal(
      (await post('/auth/mfa/login', { email: user.email, password: user.password, mfa_code: code })).statusCode,
      200,
    );
    assert.equal(
      (await post('/auth/mfa/login', { email: user.email, password: user.password, mfa_code: code })).statusCode,
      401,
    );
  });

  it('refuses a wrong password even with a good code, and a code from long ago', async () => {
    const user = await createUser(lectern);
    const { secret } = await enableMfa(user);
    assert.equal(
      (await post('/auth/mfa/login', { email: user.email, password: 'Wrong-Pass-123', mfa_code: totp(secret, now()) }))
        .statusCode,
      401,
    );
    assert.equal(
      (
        await post('/auth/mfa/login', {
          email: user.email,
          password: user.password,
          mfa_code: totp(secret, now() - 10 * 60_000),
        })
      ).statusCode,
      401,
    );
  });

  it('accepts each recovery code once', async () => {
    const user = await createUser(lectern);
    const { recoveryCodes } = await enableMfa(user);
    const [first] = recoveryCodes;
    assert.equal(
      (await post('/auth/mfa/login', { email: user.email, password: user.password, mfa_code: first })).statusCode,
      200,
    );
    assert.equal(
      (await post('/auth/mfa/login', { email: user.email, password: user.password, mfa_code: first })).statusCode,
      401,
    );
    const row = await lectern.database.db
      .selectFrom('users')
      .select('mfa_recovery_code_hashes')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.mfa_recovery_code_hashes.length, 9);
    assert.ok(!JSON.stringify(row.mfa_recovery_code_hashes).includes(recoveryCodes[1]!), 'codes are stored hashed');
  });

  it('regenerates recovery codes with a code: the old ones stop working', async () => {
    const user = await createUser(lectern);
    const { secret, recoveryCodes } = await enableMfa(user);
    const regenerated = await post('/auth/mfa/recovery-codes', { code: totp(secret, now()) }, user.auth);
    assert.equal(regenerated.statusCode, 200);
    assert.equal(regenerated.json().recovery_codes.length, 10);
    assert.equal(
      (await post('/auth/mfa/login', { email: user.email, password: user.password, mfa_code: recoveryCodes[0] }))
        .statusCode,
      401,
    );
    assert.equal(
      (
        await post('/auth/mfa/login', {
          email: user.email,
          password: user.password,
          mfa_code: regenerated.json().recovery_codes[0],
        })
      ).statusCode,
      200,
    );
  });
});

describe('MFA disable', () => {
  it('needs a valid code; afterwards password login works again', async () => {
    const user = await createUser(lectern);
    const { secret } = await enableMfa(user);
    assert.equal(
      (await post('/auth/mfa/disable', { code: '000000' === totp(secret, now()) ? '111111' : '000000' }, user.auth))
        .statusCode,
      400,
    );
    const disable = await post('/auth/mfa/disable', { code: totp(secret, now()) }, user.auth);
    assert.equal(disable.statusCode, 204);
    const row = await lectern.database.db
      .selectFrom('users')
      .select(['mfa_enabled', 'mfa_secret_encrypted'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { mfa_enabled: false, mfa_secret_encrypted: null });
    assert.equal((await post('/auth/login', { email: user.email, password: user.password })).statusCode, 200);
    assert.equal((await post('/auth/mfa/disable', { code: totp(secret, now()) }, user.auth)).statusCode, 409);
  });
});
