// Phone sign-in and phone change with SMS codes delivered to a local webhook receiver:
// codes hashed, five attempts, expiry, resend throttling, retries of a failing webhook.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser, logIn, STRONG_PASSWORD, uniqueEmail } from '../helpers/factories.ts';
import { startSmsReceiver } from './identity-helpers.ts';

// The first delivery fails: the queue's retry brings it through.
const sms = await startSmsReceiver({ failFirst: 1 });
const lectern = await startTestApp({ SMS_WEBHOOK_URL: sms.url });
const { app } = lectern;
const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });
const newPhone = () => `+1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

/** The newest code sent to `phone`; waits for delivery (a retried one arrives after its back-off). */
async function codeFor(phone: string, timeoutMs = 30_000): Promise<string> {
  await lectern.queue.settle();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return sms.codeFor(phone);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('phone sign-in', () => {
  it('sends a code by SMS webhook (retried after a failure) and signs up a new number', async () => {
    const phone = newPhone();
    const send = await post('/auth/phone/send-code', { phone });
    assert.equal(send.statusCode, 202);
    const code = await codeFor(phone);
    assert.ok(sms.attempts() >= 2, 'the failed delivery was retried');
    assert.match(sms.messages.at(-1)!.body, /Your Lectern code is \d{6}/);

    const verify = await post('/auth/phone/verify', { phone, code, full_name: 'Phone Person' });
    assert.equal(verify.statusCode, 200);
    const tokens = verify.json();
    assert.equal(tokens.expires_in, 900);
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    assert.equal(me.json().phone, phone);
    assert.equal(me.json().email, null);
    assert.equal(me.json().full_name, 'Phone Person');
    assert.ok(me.json().phone_verified_at);

    const stored = await lectern.database.db
      .selectFrom('sms_codes')
      .select('code_hash')
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    assert.notEqual(stored.code_hash, code);
    assert.ok(!stored.code_hash.includes(code));
    // A code works once.
    assert.equal((await post('/auth/phone/verify', { phone, code })).statusCode, 401);
  });

  it('signs an existing number in again, and creates accounts with email and password', async () => {
    const phone = newPhone();
    const email = uniqueEmail('phone');
    await post('/auth/phone/send-code', { phone });
    const created = await post('/auth/phone/verify', {
      phone,
      code: await codeFor(phone),
      email,
      password: STRONG_PASSWORD,
    });
    assert.equal(created.statusCode, 200);
    await logIn(app, email, STRONG_PASSWORD);
    lectern.clock.advance(61_000);
    await post('/auth/phone/send-code', { phone });
    const again = await post('/auth/phone/verify', { phone, code: await codeFor(phone) });
    assert.equal(again.statusCode, 200);
    const count = await lectern.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });

  it('refuses malformed numbers', async () => {
    const response = await post('/auth/phone/send-code', { phone: '12345abc' });
    assert.equal(response.statusCode, 422);
  });

  it('throttles resends to one per minute with 429 and Retry-After', async () => {
    const phone = newPhone();
    assert.equal((await post('/auth/phone/send-code', { phone })).statusCode, 202);
    const throttled = await post('/auth/phone/send-code', { phone });
    assert.equal(throttled.statusCode, 429);
    assert.ok(Number(throttled.headers['retry-after']) > 0);
    lectern.clock.advance(61_000);
    assert.equal((await post('/auth/phone/send-code', { phone })).statusCode, 202);
  });

  it('burns a code after five wrong guesses', async () => {
    const phone = newPhone();
    await post('/auth/phone/send-code', { phone });
    const code = await codeFor(phone);
    for (let i = 0; i < 5; i++)
      assert.equal((await post('/auth/phone/verify', { phone, code: wrongCode(code) })).statusCode, 401);
    assert.equal((await post('/auth/phone/verify', { phone, code })).statusCode, 401);
  });

  it('refuses an expired code, and an older code once a newer one was sent', async () => {
    const phone = newPhone();
    await post('/auth/phone/send-code', { phone });
    const first = await codeFor(phone);
    lectern.clock.advance(61_000);
    await post('/auth/phone/send-code', { phone });
    const second = await codeFor(phone);
    if (first !== second) assert.equal((await post('/auth/phone/verify', { phone, code: first })).statusCode, 401);
    lectern.clock.advance(11 * 60_000);
    assert.equal((await post('/auth/phone/verify', { phone, code: second })).statusCode, 401);
  });
});

describe('phone change', () => {
  it('sets a new number once the code sent to it comes back', async () => {
    const user = await createUser(lectern);
    const phone = newPhone();
    assert.equal((await post('/users/me/phone/send-code', { phone }, user.auth)).statusCode, 202);
    const code = await codeFor(phone);
    assert.equal((await post('/users/me/phone/verify', { phone, code: wrongCode(code) }, user.auth)).statusCode, 401);
    const ok = await post('/users/me/phone/verify', { phone, code }, user.auth);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().phone, phone);
    // Another user can neither take the number nor use a code sent for someone else.
    const other = await createUser(lectern);
    assert.equal((await post('/users/me/phone/send-code', { phone }, other.auth)).statusCode, 409);
    assert.equal((await post('/users/me/phone/send-code', { phone: newPhone() })).statusCode, 401);
  });

  it('does not let one user confirm a code sent to another user', async () => {
    const alice = await createUser(lectern);
    const mallory = await createUser(lectern);
    const phone = newPhone();
    await post('/users/me/phone/send-code', { phone }, alice.auth);
    const code = await codeFor(phone);
    assert.equal((await post('/users/me/phone/verify', { phone, code }, mallory.auth)).statusCode, 401);
  });
});
