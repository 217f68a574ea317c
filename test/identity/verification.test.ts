// Email verification, password reset and email change through mail read from a real SMTP
// server on loopback; tokens are single-use and expiring; answers are enumeration-safe.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser, logIn, STRONG_PASSWORD, uniqueEmail } from '../helpers/factories.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { linkToken, mailText, waitForMail } from './identity-helpers.ts';

const smtp = await startSmtpServer();
const lectern = await startTestApp({ SMTP_URL: smtp.url });
const { app } = lectern;
const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });

describe('email verification', () => {
  it('mails a verification link at sign-up; following it marks the email verified once', async () => {
    const user = await createUser(lectern);
    const mail = await waitForMail(smtp.messages, user.email, /Subject: Welcome to Lectern/);
    assert.match(mailText(mail), /http:\/\/lectern\.test\/verify-email\?token=/);
    const token = linkToken(mail, 'verify-email');
    const before = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth });
    assert.equal(before.json().is_verified, false);

    const ok = await post('/auth/verify-email', { token });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { message: 'Email verified successfully' });
    const after = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth });
    assert.equal(after.json().is_verified, true);
    assert.match(after.json().email_verified_at, /Z$/);

    const again = await post('/auth/verify-email', { token });
    assert.equal(again.statusCode, 401);
    const stored = await lectern.database.db
      .selectFrom('identity_tokens')
      .select('token_hash')
      .where('token_hash', '=', token)
      .executeTakeFirst();
    assert.equal(stored, undefined, 'the token itself is never stored');
  });

  it('resends a verification link with an enumeration-safe answer, throttled per account', async () => {
    const user = await createUser(lectern);
    // The welcome mail carried a link a moment ago: a resend within the minute sends nothing.
    assert.equal((await post('/auth/verify-email/resend', { email: user.email })).statusCode, 202);
    await lectern.queue.settle();
    assert.equal(
      smtp.messages.filter((m) => m.to.includes(user.email) && /Subject: Confirm your email/.test(mailText(m))).length,
      0,
    );
    lectern.clock.advance(61_000);
    const unknown = await post('/auth/verify-email/resend', { email: uniqueEmail('nobody') });
    const known = await post('/auth/verify-email/resend', { email: user.email });
    assert.equal(unknown.statusCode, 202);
    assert.equal(known.statusCode, 202);
    assert.deepEqual(unknown.json(), known.json());
    const mail = await waitForMail(smtp.messages, user.email, /Subject: Confirm your email address/);
    // The newest link replaces the one of the welcome mail.
    const welcome = await waitForMail(smtp.messages, user.email, /Subject: Welcome to Lectern/);
    assert.equal((await post('/auth/verify-email', { token: linkToken(welcome, 'verify-email') })).statusCode, 401);
    assert.equal((await post('/auth/verify-email', { token: linkToken(mail, 'verify-email') })).statusCode, 200);
    // A second request within the minute sends nothing more and answers the same.
    const count = smtp.messages.filter((m) => m.to.includes(user.email)).length;
    const throttled = await post('/auth/verify-email/resend', { email: user.email });
    assert.equal(throttled.statusCode, 202);
    await lectern.queue.settle();
    assert.equal(smtp.messages.filter((m) => m.to.includes(user.email)).length, count);
  });

  it('refuses an expired verification token', async () => {
    const user = await createUser(lectern);
    const token = linkToken(await waitForMail(smtp.messages, user.email, /Subject: Welcome/), 'verify-email');
    lectern.clock.advance(25 * 3_600_000);
    try {
      const response = await post('/auth/verify-email', { token });
      assert.equal(response.statusCode, 401);
      assert.equal(typeof response.json().detail, 'string');
    } finally {
      lectern.clock.advance(-25 * 3_600_000);
    }
  });
});

describe('password reset', () => {
  it('resets through the mailed link: sessions end, the old password stops, the token works once', async () => {
    const user = await createUser(lectern);
    const request = await post('/auth/password-reset/request', { email: user.email.toUpperCase() });
    assert.equal(request.statusCode, 202);
    const mail = await waitForMail(smtp.messages, user.email, /Subject: Reset your Lectern password/);
    const token = linkToken(mail, 'reset-password');
    assert.match(mailText(mail), /http:\/\/lectern\.test\/reset-password\?token=/);

    const weak = await post('/auth/password-reset/confirm', { token, new_password: 'weak' });
    assert.equal(weak.statusCode, 422);
    const ok = await post('/auth/password-reset/confirm', { token, new_password: 'Brand-New-Pass-8' });
    assert.equal(ok.statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth })).statusCode, 401);
    assert.equal((await post('/auth/login', { email: user.email, password: STRONG_PASSWORD })).statusCode, 401);
    await logIn(app, user.email, 'Brand-New-Pass-8');
    assert.equal(
      (await post('/auth/password-reset/confirm', { token, new_password: 'Another-Pass-9x' })).statusCode,
      401,
    );
  });

  it('answers the same for unknown addresses and sends them nothing', async () => {
    const ghost = uniqueEmail('ghost');
    const unknown = await post('/auth/password-reset/request', { email: ghost });
    const user = await createUser(lectern);
    const known = await post('/auth/password-reset/request', { email: user.email });
    assert.equal(unknown.statusCode, known.statusCode);
    assert.deepEqual(unknown.json(), known.json());
    await lectern.queue.settle();
    assert.equal(smtp.messages.filter((m) => m.to.includes(ghost)).length, 0);
  });

  it('refuses a reset token after its hour', async () => {
    const user = await createUser(lectern);
    await post('/auth/password-reset/request', { email: user.email });
    const token = linkToken(await waitForMail(smtp.messages, user.email, /Subject: Reset your/), 'reset-password');
    lectern.clock.advance(61 * 60_000);
    try {
      assert.equal(
        (await post('/auth/password-reset/confirm', { token, new_password: 'Brand-New-Pass-8' })).statusCode,
        401,
      );
    } finally {
      lectern.clock.advance(-61 * 60_000);
    }
    await logIn(app, user.email, user.password);
  });
});

describe('email change', () => {
  it('confirms on the new address, then tells the old one', async () => {
    const user = await createUser(lectern);
    const newEmail = uniqueEmail('moved');
    const request = await post('/users/me/email', { new_email: newEmail }, user.auth);
    assert.equal(request.statusCode, 202);
    const mail = await waitForMail(smtp.messages, newEmail, /Subject: Confirm your new email address/);
    // Nothing changes before the link is followed.
    assert.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth })).json().email,
      user.email,
    );
    const confirm = await post('/auth/email-change/confirm', { token: linkToken(mail, 'confirm-email-change') });
    assert.equal(confirm.statusCode, 200);
    assert.equal(confirm.json().email, newEmail);
    assert.equal(confirm.json().is_verified, true);
    await waitForMail(smtp.messages, user.email, /Subject: Your Lectern email address was changed/);
    await logIn(app, newEmail, user.password);
    assert.equal((await post('/auth/login', { email: user.email, password: user.password })).statusCode, 401);
    assert.equal(
      (await post('/auth/email-change/confirm', { token: linkToken(mail, 'confirm-email-change') })).statusCode,
      401,
    );
  });

  it('refuses an address another account uses, and anonymous callers', async () => {
    const user = await createUser(lectern);
    const other = await createUser(lectern);
    assert.equal((await post('/users/me/email', { new_email: other.email }, user.auth)).statusCode, 409);
    assert.equal((await post('/users/me/email', { new_email: uniqueEmail() })).statusCode, 401);
  });
});
