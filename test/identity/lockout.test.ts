// Lockout on every authentication path: per account (password, MFA code, SMS code) and per
// address (refresh and reset tokens, and everything else); bounded in time; not extendable.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { totp } from './identity-helpers.ts';

const IP_THRESHOLD = 8;
const lectern = await startTestApp({
  LOCKOUT_THRESHOLD: '5',
  LOCKOUT_MINUTES: '15',
  LOCKOUT_IP_THRESHOLD: String(IP_THRESHOLD),
});
const { app } = lectern;
const LOCK_MS = 15 * 60_000;
let ipCounter = 0;
/** A fresh client address per test, so address counters of one test do not leak into another. */
const freshIp = () => `10.9.${Math.floor(++ipCounter / 200)}.${ipCounter % 200}`;
const post = (url: string, payload: object | undefined, remoteAddress: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, ...(payload ? { payload } : {}), remoteAddress, headers });
const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

describe('account lockout', () => {
  it('password: locks after the threshold; failures during the lock do not extend it', async () => {
    const user = await createUser(lectern);
    const ip = freshIp();
    for (let i = 0; i < 5; i++)
      assert.equal((await post('/auth/login', { email: user.email, password: 'Wrong-Pass-1' }, ip)).statusCode, 401);
    const locked = await post('/auth/login', { email: user.email, password: user.password }, ip);
    assert.equal(locked.statusCode, 423);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    // An attacker keeps hammering from other addresses during the lock...
    lectern.clock.advance(LOCK_MS - 60_000);
    for (let i = 0; i < 5; i++)
      assert.equal(
        (await post('/auth/login', { email: user.email, password: 'Wrong-Pass-1' }, freshIp())).statusCode,
        423,
      );
    // ...and the lock still ends when it was due.
    lectern.clock.advance(61_000);
    assert.equal(
      (await post('/auth/login', { email: user.email, password: user.password }, freshIp())).statusCode,
      200,
    );
  });

  it('MFA code: wrong codes with the right password lock the account', async () => {
    const user = await createUser(lectern);
    const ip = freshIp();
    const { secret } = (await post('/auth/mfa/enable', undefined, ip, user.auth)).json();
    assert.equal(
      (await post('/auth/mfa/verify', { code: totp(secret, lectern.clock.now().getTime()) }, ip, user.auth)).statusCode,
      200,
    );
    lectern.clock.advance(30_000);
    const good = () => totp(secret, lectern.clock.now().getTime());
    for (let i = 0; i < 5; i++) {
      assert.equal(
        (await post('/auth/mfa/login', { email: user.email, password: user.password, mfa_code: wrong(good()) }, ip))
          .statusCode,
        401,
      );
    }
    assert.equal(
      (await post('/auth/mfa/login', { email: user.email, password: user.password, mfa_code: good() }, ip)).statusCode,
      423,
    );
    lectern.clock.advance(LOCK_MS + 1000);
    assert.equal(
      (await post('/auth/mfa/login', { email: user.email, password: user.password, mfa_code: good() }, freshIp()))
        .statusCode,
      200,
    );
  });

  it("SMS code: wrong codes lock the number's account (codes from the dev outbox)", async () => {
    const phone = `+1666${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
    const ip = freshIp();
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
    await post('/auth/phone/send-code', { phone }, ip);
    assert.equal((await post('/auth/phone/verify', { phone, code: await latestCode() }, ip)).statusCode, 200);
    lectern.clock.advance(61_000);
    await post('/auth/phone/send-code', { phone }, ip);
    const code = await latestCode();
    for (let i = 0; i < 5; i++)
      assert.equal((await post('/auth/phone/verify', { phone, code: wrong(code) }, ip)).statusCode, 401);
    lectern.clock.advance(61_000);
    await post('/auth/phone/send-code', { phone }, freshIp());
    const locked = await post('/auth/phone/verify', { phone, code: await latestCode() }, freshIp());
    assert.equal(locked.statusCode, 423);
    assert.equal(locked.json().detail.includes('locked'), true);
  });

  it('a password reset lifts an account lock at once', async () => {
    const user = await createUser(lectern);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await post('/auth/login', { email: user.email, password: 'Wrong-Pass-1' }, ip);
    assert.equal((await post('/auth/login', { email: user.email, password: user.password }, ip)).statusCode, 423);
    await post('/auth/password-reset/request', { email: user.email }, ip);
    await lectern.queue.settle();
    const mail = await lectern.database.db
      .selectFrom('outbox_messages')
      .select('body_text')
      .where('recipient', '=', user.email)
      .where('subject', 'like', 'Reset%')
      .executeTakeFirstOrThrow();
    const token = mail.body_text.match(/reset-password\?token=([A-Za-z0-9_-]+)/)![1]!;
    assert.equal(
      (await post('/auth/password-reset/confirm', { token, new_password: 'Recovered-Pass-5' }, ip)).statusCode,
      200,
    );
    assert.equal((await post('/auth/login', { email: user.email, password: 'Recovered-Pass-5' }, ip)).statusCode, 200);
  });
});

describe('address lockout', () => {
  it('refresh: bogus refresh tokens lock the address, not other addresses; the lock ends', async () => {
    const user = await createUser(lectern);
    const ip = freshIp();
    for (let i = 0; i < IP_THRESHOLD; i++) {
      assert.equal((await post('/auth/refresh', { refresh_token: `guess-${i}` }, ip)).statusCode, 401);
    }
    const locked = await post('/auth/refresh', { refresh_token: user.refreshToken }, ip);
    assert.equal(locked.statusCode, 423);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    // 000's refresh path shares the counter.
    assert.equal(
      (await post('/refresh', undefined, ip, { authorization: `Bearer ${user.refreshToken}` })).statusCode,
      423,
    );
    lectern.clock.advance(LOCK_MS + 1000);
    assert.equal((await post('/auth/refresh', { refresh_token: user.refreshToken }, ip)).statusCode, 200);
  });

  it('reset confirm: guessed reset tokens lock the address', async () => {
    const ip = freshIp();
    for (let i = 0; i < IP_THRESHOLD; i++) {
      assert.equal(
        (await post('/auth/password-reset/confirm', { token: `guess-${i}`, new_password: 'Guessing-Pass-1' }, ip))
          .statusCode,
        401,
      );
    }
    assert.equal(
      (await post('/auth/password-reset/confirm', { token: 'guess-x', new_password: 'Guessing-Pass-1' }, ip))
        .statusCode,
      423,
    );
    // Another address is unaffected.
    assert.equal(
      (await post('/auth/password-reset/confirm', { token: 'guess-y', new_password: 'Guessing-Pass-1' }, freshIp()))
        .statusCode,
      401,
    );
  });

  it('password spraying across accounts locks the address before any account', async () => {
    const ip = freshIp();
    const users = await Promise.all(Array.from({ length: IP_THRESHOLD }, () => createUser(lectern)));
    for (const user of users)
      assert.equal((await post('/auth/login', { email: user.email, password: 'Spray-Pass-1' }, ip)).statusCode, 401);
    assert.equal(
      (await post('/auth/login', { email: users[0]!.email, password: users[0]!.password }, ip)).statusCode,
      423,
    );
    // The victims themselves, elsewhere, are not locked.
    assert.equal(
      (await post('/auth/login', { email: users[0]!.email, password: users[0]!.password }, freshIp())).statusCode,
      200,
    );
  });
});
