// 003's auth service at /api/auth through HTTP: phone and email sign-up and sign-in, password
// reset, refresh and logout, email and phone changes, the `{code, message}` error format, the
// document's password rules, token claims and the per-IP rate limit. Mail and SMS are read from
// real loopback servers.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, it } from 'node:test';

import { decodeJwt } from 'jose';

import { startTestApp } from '../helpers/app.ts';
import { createUser, uniqueEmail } from '../helpers/factories.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { linkToken, startSmsReceiver, waitForMail } from '../identity/identity-helpers.ts';

const smtp = await startSmtpServer();
const sms = await startSmsReceiver();
const lectern = await startTestApp({ SMTP_URL: smtp.url, SMS_WEBHOOK_URL: sms.url });
const { app } = lectern;
const PASSWORD = 'Services-Pass-9!';
const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload, headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const newPhone = () => `+1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;

async function smsCode(phone: string): Promise<string> {
  await lectern.queue.settle();
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return sms.codeFor(phone);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function mailToken(to: string, subject: RegExp, path: string): Promise<string> {
  await lectern.queue.settle();
  return linkToken(await waitForMail(smtp.messages, to, subject), path);
}

/** Registers and verifies through 003; returns the email and the first token pair. */
async function registerVerified(): Promise<{ email: string; access_token: string; refresh_token: string }> {
  const email = uniqueEmail('svc');
  const registered = await post('/api/auth/email/register', { email, password: PASSWORD });
  assert.equal(registered.statusCode, 200, registered.body);
  const token = await mailToken(email, /Subject: Welcome to Lectern/, 'verify-email');
  const verified = await post('/api/auth/email/verify', { token });
  assert.equal(verified.statusCode, 200, verified.body);
  return { email, ...verified.json() };
}

describe('003 auth: email', () => {
  it('registers, verifies with the mailed token (a token pair), logs in, and refuses a spent token', async () => {
    const email = uniqueEmail('svc');
    const registered = await post('/api/auth/email/register', { email, password: PASSWORD });
    assert.equal(registered.statusCode, 200);
    assert.deepEqual(registered.json(), { message: 'Verification email sent' });

    const token = await mailToken(email, /Subject: Welcome to Lectern/, 'verify-email');
    const verified = await post('/api/auth/email/verify', { token });
    assert.equal(verified.statusCode, 200);
    const pair = verified.json();
    assert.deepEqual(Object.keys(pair).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
    assert.equal(pair.expires_in, 900);
    const me = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(pair.access_token) });
    assert.equal(me.json().email, email);
    assert.equal(me.json().is_verified, true);

    const again = await post('/api/auth/email/verify', { token });
    assert.equal(again.statusCode, 401);
    assert.deepEqual(again.json(), { code: 'TOKEN_INVALID', message: 'Token is invalid, expired or already used' });

    const login = await post('/api/auth/login', { email, password: PASSWORD });
    assert.equal(login.statusCode, 200);
    assert.ok(login.json().access_token && login.json().refresh_token);
  });

  it('applies the document’s password rules, including a special character', async () => {
    const cases: [string, RegExp][] = [
      ['Sh0rt!', /at least 8/],
      ['alllower9!', /uppercase/],
      ['ALLUPPER9!', /lowercase/],
      ['NoDigits!!', /digit/],
      ['NoSpecial99', /special character/],
    ];
    for (const [password, message] of cases) {
      const response = await post('/api/auth/email/register', { email: uniqueEmail('weak'), password });
      assert.equal(response.statusCode, 400, password);
      assert.equal(response.json().code, 'INVALID_REQUEST');
      assert.match(response.json().message, message);
    }
    const malformed = await post('/api/auth/email/register', { email: 'not-an-email', password: PASSWORD });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().code, 'INVALID_REQUEST');
    assert.deepEqual(Object.keys(malformed.json()).sort(), ['code', 'message']);
    const missing = await post('/api/auth/email/register', { email: uniqueEmail('x') });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().message, /password/);
  });

  it('refuses a taken email with 409 and wrong credentials with INVALID_CREDENTIALS', async () => {
    const { email } = await registerVerified();
    const taken = await post('/api/auth/email/register', { email, password: PASSWORD });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().code, 'RESOURCE_ALREADY_EXISTS');
    const wrong = await post('/api/auth/login', { email, password: 'Wrong-Pass-9!' });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), { code: 'INVALID_CREDENTIALS', message: 'Invalid credentials' });
  });

  it('locks the account after repeated failures with 423 ACCOUNT_LOCKED', async () => {
    const { email } = await registerVerified();
    for (let i = 0; i < 5; i++) await post('/api/auth/login', { email, password: 'Wrong-Pass-9!' });
    const locked = await post('/api/auth/login', { email, password: PASSWORD });
    assert.equal(locked.statusCode, 423);
    assert.equal(locked.json().code, 'ACCOUNT_LOCKED');
    assert.ok(Number(locked.headers['retry-after']) > 0);
  });

  it('gives a 30-day refresh token with remember_me and carries the document’s claims', async () => {
    const { email } = await registerVerified();
    const short = (await post('/api/auth/login', { email, password: PASSWORD })).json();
    const long = (await post('/api/auth/login', { email, password: PASSWORD, remember_me: true })).json();
    const sessions = await lectern.database.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.remember_me', 'sessions.expires_at', 'sessions.created_at'])
      .where('users.email', '=', email)
      .execute();
    const days = (s: { expires_at: Date; created_at: Date }) =>
      Math.round((s.expires_at.getTime() - s.created_at.getTime()) / 86_400_000);
    assert.deepEqual(sessions.filter((s) => s.remember_me).map(days), [30]);
    assert.ok(sessions.some((s) => !s.remember_me && days(s) === 7));
    assert.ok(short.refresh_token !== long.refresh_token);

    const claims = decodeJwt(long.access_token);
    assert.equal(claims['email'], email);
    assert.deepEqual(claims['roles'], ['user', 'student']);
    assert.deepEqual(claims['permissions'], ['read:profile', 'write:profile', 'read:courses']);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 900);
    assert.equal(typeof claims.iss, 'string');
    assert.equal(typeof claims.sub, 'string');
    const instructor = await createUser(lectern, { role: 'instructor' });
    const teacherClaims = decodeJwt(
      (await post('/api/auth/login', { email: instructor.email, password: instructor.password })).json().access_token,
    );
    assert.deepEqual(teacherClaims['roles'], ['user', 'instructor']);
    assert.ok((teacherClaims['permissions'] as string[]).includes('write:courses'));
  });
});

describe('003 auth: tokens', () => {
  it('rotates refresh tokens, and after logout refuses the refresh token and the access token', async () => {
    const first = await registerVerified();
    const refreshed = await post('/api/auth/refresh', { refresh_token: first.refresh_token });
    assert.equal(refreshed.statusCode, 200);
    const second = refreshed.json();
    assert.notEqual(second.refresh_token, first.refresh_token);

    const logout = await post('/api/auth/logout', { refresh_token: second.refresh_token });
    assert.equal(logout.statusCode, 204);
    assert.equal(logout.body, '');
    const after = await post('/api/auth/refresh', { refresh_token: second.refresh_token });
    assert.equal(after.statusCode, 401);
    assert.deepEqual(after.json(), {
      code: 'TOKEN_INVALID',
      message: 'Refresh token is invalid, expired or already used',
    });
    const profile = await app.inject({ method: 'GET', url: '/api/profile', headers: bearer(second.access_token) });
    assert.equal(profile.statusCode, 401);
    // Logging out again, or with a token that never existed, is not an error.
    assert.equal((await post('/api/auth/logout', { refresh_token: second.refresh_token })).statusCode, 204);
    assert.equal((await post('/api/auth/logout', { refresh_token: 'made-up' })).statusCode, 204);
  });

  it('tells an expired access token (TOKEN_EXPIRED) from an invalid one, in each service’s format', async () => {
    const { access_token } = await registerVerified();
    const invalid = await app.inject({ method: 'GET', url: '/api/profile', headers: bearer('not.a.jwt') });
    assert.equal(invalid.statusCode, 401);
    assert.equal(invalid.json().error.code, 'INVALID_TOKEN');
    const authInvalid = await post('/api/auth/email/update/request', { email: uniqueEmail() }, bearer('x.y.z'));
    assert.deepEqual(authInvalid.json(), { code: 'TOKEN_INVALID', message: 'Could not validate credentials' });

    lectern.clock.advance(16 * 60_000);
    try {
      const expired = await app.inject({
        method: 'GET',
        url: '/api/profile',
        headers: { ...bearer(access_token), 'x-request-id': 'req-expired' },
      });
      assert.equal(expired.statusCode, 401);
      assert.deepEqual(expired.json(), {
        error: { code: 'TOKEN_EXPIRED', message: 'Token has expired', details: {}, request_id: 'req-expired' },
      });
      const authExpired = await post('/api/auth/email/update/request', { email: uniqueEmail() }, bearer(access_token));
      assert.equal(authExpired.json().code, 'TOKEN_EXPIRED');
    } finally {
      lectern.clock.advance(-16 * 60_000);
    }
  });
});

describe('003 auth: password reset', () => {
  it('answers 200 for unknown emails too, and resets with the mailed token', async () => {
    const unknown = await post('/api/auth/password/reset/request', { email: uniqueEmail('nobody') });
    assert.equal(unknown.statusCode, 200);
    const { email, refresh_token } = await registerVerified();
    const known = await post('/api/auth/password/reset/request', { email });
    assert.equal(known.statusCode, 200);
    assert.deepEqual(known.json(), unknown.json());
    const token = await mailToken(email, /Subject: Reset your Lectern password/, 'reset-password');

    const weak = await post('/api/auth/password/reset/confirm', { token, new_password: 'NoSpecial99' });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().code, 'INVALID_REQUEST');
    const badToken = await post('/api/auth/password/reset/confirm', { token: 'nope', new_password: 'Newer-Pass-9!' });
    assert.equal(badToken.statusCode, 401);
    assert.equal(badToken.json().code, 'TOKEN_INVALID');

    const reset = await post('/api/auth/password/reset/confirm', { token, new_password: 'Newer-Pass-9!' });
    assert.equal(reset.statusCode, 200);
    assert.equal((await post('/api/auth/login', { email, password: PASSWORD })).statusCode, 401);
    assert.equal((await post('/api/auth/login', { email, password: 'Newer-Pass-9!' })).statusCode, 200);
    // Every earlier session ended with the reset.
    assert.equal((await post('/api/auth/refresh', { refresh_token })).statusCode, 401);
  });
});

describe('003 auth: phone', () => {
  it('sends a code, signs up a new number with email and password, and signs it in again', async () => {
    const phone = newPhone();
    const email = uniqueEmail('phone');
    const sent = await post('/api/auth/phone/send-code', { phone });
    assert.equal(sent.statusCode, 200);
    const weak = await post('/api/auth/phone/verify', {
      phone,
      code: await smsCode(phone),
      email,
      password: 'NoSpecial99',
    });
    assert.equal(weak.statusCode, 400);
    const created = await post('/api/auth/phone/verify', {
      phone,
      code: await smsCode(phone),
      email,
      password: PASSWORD,
    });
    assert.equal(created.statusCode, 200, created.body);
    assert.ok(created.json().access_token);
    assert.equal((await post('/api/auth/login', { email, password: PASSWORD })).statusCode, 200);

    const wrong = await post('/api/auth/phone/verify', { phone, code: '000000' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().code, 'INVALID_CREDENTIALS');

    const resend = await post('/api/auth/phone/send-code', { phone });
    assert.equal(resend.statusCode, 429);
    assert.equal(resend.json().code, 'RATE_LIMIT_EXCEEDED');
    lectern.clock.advance(61_000);
    assert.equal((await post('/api/auth/phone/send-code', { phone })).statusCode, 200);
    const again = await post('/api/auth/phone/verify', { phone, code: await smsCode(phone) });
    assert.equal(again.statusCode, 200);
    assert.equal(decodeJwt(again.json().access_token).sub, decodeJwt(created.json().access_token).sub);
  });

  it('refuses a malformed number with 400 INVALID_REQUEST', async () => {
    const response = await post('/api/auth/phone/send-code', { phone: '12345' });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json(), {
      code: 'INVALID_REQUEST',
      message: 'Phone number must be in E.164 format, e.g. +14155550123',
    });
  });

  it('changes the phone number of a signed-in user with a code sent to the new number', async () => {
    const { access_token } = await registerVerified();
    const phone = newPhone();
    const anonymous = await post('/api/auth/phone/update/send-code', { phone });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json().code, 'TOKEN_INVALID');
    assert.equal((await post('/api/auth/phone/update/send-code', { phone }, bearer(access_token))).statusCode, 200);
    const wrong = await post('/api/auth/phone/update/verify', { phone, code: '000000' }, bearer(access_token));
    assert.equal(wrong.statusCode, 401);
    const done = await post(
      '/api/auth/phone/update/verify',
      { phone, code: await smsCode(phone) },
      bearer(access_token),
    );
    assert.equal(done.statusCode, 200);
    assert.deepEqual(done.json(), { message: 'Phone number updated successfully', phone });
  });
});

describe('003 auth: email change', () => {
  it('mails the new address and changes the email when confirmed', async () => {
    const { access_token, email: old } = await registerVerified();
    const next = uniqueEmail('moved');
    const requested = await post('/api/auth/email/update/request', { email: next }, bearer(access_token));
    assert.equal(requested.statusCode, 200);
    const token = await mailToken(next, /Subject: Confirm your new email address/, 'confirm-email-change');
    const confirmed = await post('/api/auth/email/update/confirm', { token });
    assert.equal(confirmed.statusCode, 200);
    assert.deepEqual(confirmed.json(), { message: 'Email updated successfully', email: next });
    assert.equal((await post('/api/auth/login', { email: next, password: PASSWORD })).statusCode, 200);
    assert.equal((await post('/api/auth/login', { email: old, password: PASSWORD })).statusCode, 401);
    const taken = await post('/api/auth/email/update/request', { email: next }, bearer(access_token));
    assert.equal(taken.statusCode, 409);
  });
});
