// Identity's domain events through HTTP: every way to create an account and to sign in, a sign-in
// from a new device, and the account lock, each published once with its documented payload.
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { eventRecorder } from '../helpers/events.ts';
import { createUser, STRONG_PASSWORD, uniqueEmail } from '../helpers/factories.ts';
import { startJwks, totp } from './identity-helpers.ts';

const CLIENT_ID = 'lectern-events.apps.googleusercontent.com';
const jwks = await startJwks();
const recorder = eventRecorder('test-identity', [
  'identity.user.registered',
  'identity.login.succeeded',
  'identity.login.new_device',
  'identity.account.locked',
]);
const lectern = await startTestApp(
  { GOOGLE_CLIENT_ID: CLIENT_ID, GOOGLE_JWKS_URL: jwks.url, LOCKOUT_THRESHOLD: '3', LOCKOUT_MINUTES: '15' },
  { beforeStart: recorder.attach },
);
const client = { remoteAddress: '198.51.100.4', headers: { 'user-agent': 'IdentityEvents/2.0' } };
const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  lectern.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    payload,
    remoteAddress: client.remoteAddress,
    headers: { ...client.headers, ...headers },
  });
const userIdOf = async (accessToken: string) =>
  (
    await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${accessToken}` },
    })
  ).json().id as string;
const loginEvent = (userId: string, method: string) => ({
  user_id: userId,
  method,
  ip: client.remoteAddress,
  user_agent: client.headers['user-agent'],
});

describe('identity events', () => {
  it("publishes identity.user.registered for 001's register and 000's sign-up, without a login", async () => {
    const native = await post('/auth/register', {
      email: uniqueEmail('ev'),
      password: STRONG_PASSWORD,
      full_name: 'Native Person',
    });
    assert.equal(native.statusCode, 201);
    const nativeId = await userIdOf(native.json().access_token);
    const gateway = await post('/register', {
      email: uniqueEmail('ev'),
      mot_de_passe: STRONG_PASSWORD,
      first_name: 'Gate',
      last_name: 'Way',
    });
    assert.equal(gateway.statusCode, 201);
    const gatewayId = gateway.json().user_id as string;
    await lectern.queue.settle();
    for (const userId of [nativeId, gatewayId]) {
      const events = recorder.find('identity.user.registered', (d) => d.user_id === userId);
      assert.deepEqual(
        events.map((e) => e.data),
        [{ user_id: userId, role: 'student', method: 'password' }],
      );
      assert.equal(recorder.find('identity.login.succeeded', (d) => d.user_id === userId).length, 0);
    }
  });

  it('publishes identity.login.succeeded for a password sign-in, with or without a second factor', async () => {
    const user = await createUser(lectern);
    assert.equal((await post('/auth/login', { email: user.email, password: user.password })).statusCode, 200);
    const { secret } = (await post('/auth/mfa/enable', {}, user.auth)).json();
    const now = () => lectern.clock.now().getTime();
    assert.equal((await post('/auth/mfa/verify', { code: totp(secret, now()) }, user.auth)).statusCode, 200);
    lectern.clock.advance(30_000);
    const mfa = await post('/auth/mfa/login', {
      email: user.email,
      password: user.password,
      mfa_code: totp(secret, now()),
    });
    assert.equal(mfa.statusCode, 200);
    // A refused sign-in (second factor missing) publishes nothing.
    assert.equal((await post('/auth/login', { email: user.email, password: user.password })).statusCode, 401);
    await lectern.queue.settle();
    // createUser's own sign-in came from the default test client; these from `client`.
    const logins = recorder.find(
      'identity.login.succeeded',
      (d) => d.user_id === user.id && d.ip === client.remoteAddress,
    );
    assert.deepEqual(
      logins.map((e) => e.data),
      [loginEvent(user.id, 'password'), loginEvent(user.id, 'password')],
    );
  });

  it('publishes both events for a phone sign-up, and a login for the next phone sign-in', async () => {
    const phone = `+1777${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
    const latestCode = async () => {
      await lectern.queue.settle();
      const row = await lectern.database.db
        .selectFrom('outbox_messages')
        .select('body_text')
        .where('channel', '=', 'sms')
        .where('recipient', '=', phone)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      return row.body_text.match(/\d{6}/)![0];
    };
    await post('/auth/phone/send-code', { phone });
    const first = await post('/auth/phone/verify', { phone, code: await latestCode(), full_name: 'Phone Person' });
    assert.equal(first.statusCode, 200);
    const userId = await userIdOf(first.json().access_token);
    lectern.clock.advance(61_000);
    await post('/auth/phone/send-code', { phone });
    assert.equal((await post('/auth/phone/verify', { phone, code: await latestCode() })).statusCode, 200);
    await lectern.queue.settle();
    assert.deepEqual(
      recorder.find('identity.user.registered', (d) => d.user_id === userId).map((e) => e.data),
      [{ user_id: userId, role: 'student', method: 'phone' }],
    );
    assert.deepEqual(
      recorder.find('identity.login.succeeded', (d) => d.user_id === userId).map((e) => e.data),
      [loginEvent(userId, 'phone'), loginEvent(userId, 'phone')],
    );
  });

  it('publishes both events for a Google sign-up, and a login for the next Google sign-in', async () => {
    const claims = { sub: randomUUID(), email: uniqueEmail('google-ev'), email_verified: true, name: 'Gina Events' };
    const nowSeconds = Math.floor(lectern.clock.now().getTime() / 1000);
    const idToken = await jwks.sign(claims, { audience: CLIENT_ID, nowSeconds });
    const first = await post('/auth/google', { id_token: idToken });
    assert.equal(first.statusCode, 200);
    const userId = await userIdOf(first.json().access_token);
    assert.equal((await post('/auth/google', { id_token: idToken })).statusCode, 200);
    await lectern.queue.settle();
    assert.deepEqual(
      recorder.find('identity.user.registered', (d) => d.user_id === userId).map((e) => e.data),
      [{ user_id: userId, role: 'student', method: 'google' }],
    );
    assert.deepEqual(
      recorder.find('identity.login.succeeded', (d) => d.user_id === userId).map((e) => e.data),
      [loginEvent(userId, 'google'), loginEvent(userId, 'google')],
    );
  });

  it('publishes identity.login.new_device once per new device, never for the first one', async () => {
    const newDevices = (userId: string) => recorder.find('identity.login.new_device', (d) => d.user_id === userId);
    // createUser signed in from the default test client: `client` is a new device, once.
    const user = await createUser(lectern);
    const login = (headers: Record<string, string> = {}) =>
      post('/auth/login', { email: user.email, password: user.password }, headers);
    assert.equal((await login()).statusCode, 200);
    assert.equal((await login()).statusCode, 200);
    await lectern.queue.settle();
    assert.deepEqual(
      newDevices(user.id).map((e) => e.data),
      [loginEvent(user.id, 'password')],
    );
    // The same address with another user agent is another device.
    assert.equal((await login({ 'user-agent': 'IdentityEvents/3.0' })).statusCode, 200);
    await lectern.queue.settle();
    assert.deepEqual(
      newDevices(user.id).map((e) => e.data.user_agent),
      ['IdentityEvents/2.0', 'IdentityEvents/3.0'],
    );
    // A Google sign-up's first sign-in is its first device; its next one from elsewhere is new.
    const claims = { sub: randomUUID(), email: uniqueEmail('google-dev'), email_verified: true, name: 'Dev Ice' };
    const nowSeconds = Math.floor(lectern.clock.now().getTime() / 1000);
    const idToken = await jwks.sign(claims, { audience: CLIENT_ID, nowSeconds });
    const first = await post('/auth/google', { id_token: idToken });
    assert.equal(first.statusCode, 200);
    const googleId = await userIdOf(first.json().access_token);
    assert.equal((await post('/auth/google', { id_token: idToken })).statusCode, 200);
    await lectern.queue.settle();
    assert.equal(newDevices(googleId).length, 0);
    assert.equal(
      (await post('/auth/google', { id_token: idToken }, { 'user-agent': 'Elsewhere/1.0' })).statusCode,
      200,
    );
    await lectern.queue.settle();
    assert.deepEqual(
      newDevices(googleId).map((e) => e.data),
      [{ ...loginEvent(googleId, 'google'), user_agent: 'Elsewhere/1.0' }],
    );
  });

  it('publishes identity.account.locked once, when the failures reach the threshold', async () => {
    const user = await createUser(lectern);
    const wrong = () => post('/auth/login', { email: user.email, password: 'Wrong-Pass-1' });
    assert.equal((await wrong()).statusCode, 401);
    assert.equal((await wrong()).statusCode, 401);
    await lectern.queue.settle();
    assert.equal(recorder.find('identity.account.locked', (d) => d.user_id === user.id).length, 0);
    const lockedAt = lectern.clock.now().getTime();
    assert.equal((await wrong()).statusCode, 401);
    // Attempts during the lock are refused before counting: no second lock.
    assert.equal((await wrong()).statusCode, 423);
    await lectern.queue.settle();
    assert.deepEqual(
      recorder.find('identity.account.locked', (d) => d.user_id === user.id).map((e) => e.data),
      [{ user_id: user.id, locked_until: new Date(lockedAt + 15 * 60_000).toISOString(), failed_attempts: 3 }],
    );
  });
});
