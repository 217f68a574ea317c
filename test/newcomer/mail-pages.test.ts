// The links in Lectern's mails: without APP_URL they open Lectern's built-in pages, whose forms
// spend the token and complete the flow; with APP_URL they point at the frontend instead.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser, logIn, STRONG_PASSWORD } from '../helpers/factories.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { linkToken, mailText, waitForMail } from '../identity/identity-helpers.ts';

const smtp = await startSmtpServer();
const lectern = await startTestApp({ SMTP_URL: smtp.url });
const withFrontend = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'https://app.example.com/' });

const form = (url: string, fields: Record<string, string>) =>
  lectern.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });

describe('built-in pages (APP_URL unset)', () => {
  it('verify-email: the link shows a form, the form verifies the address once', async () => {
    const user = await createUser(lectern);
    const mail = await waitForMail(smtp.messages, user.email, /Subject: Welcome to Lectern/, 300_000);
    assert.match(mailText(mail), /http:\/\/lectern\.test\/verify-email\?token=/);
    const token = linkToken(mail, 'verify-email');

    const page = await lectern.app.inject({ method: 'GET', url: `/verify-email?token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /^text\/html/);
    assert.match(page.body, /<form method="post" action="\/verify-email">/);
    assert.ok(page.body.includes(`value="${token}"`));
    const stillUnverified = await lectern.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth });
    assert.equal(stillUnverified.json().is_verified, false, 'opening the link alone spends nothing');

    const done = await form('/verify-email', { token });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Your email address is verified/);
    const me = await lectern.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth });
    assert.equal(me.json().is_verified, true);

    const again = await form('/verify-email', { token });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /class="error"/);
  });

  it('reset-password: a weak password is refused on the page, a good one replaces the old', async () => {
    const user = await createUser(lectern);
    const requested = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      payload: { email: user.email },
    });
    assert.equal(requested.statusCode, 202);
    const mail = await waitForMail(smtp.messages, user.email, /Subject: Reset your Lectern password/, 300_000);
    const token = linkToken(mail, 'reset-password');

    const page = await lectern.app.inject({ method: 'GET', url: `/reset-password?token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="new_password"/);

    const weak = await form('/reset-password', { token, new_password: 'weak' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /at least 8 characters/);
    assert.match(weak.body, /name="new_password"/, 'the form comes back to try again');

    const done = await form('/reset-password', { token, new_password: 'Brand-New-Pass-77' });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Your password is changed/);
    await logIn(lectern.app, user.email, 'Brand-New-Pass-77');
    const old = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: STRONG_PASSWORD },
    });
    assert.equal(old.statusCode, 401);
  });

  it('a page without a token, or a form with an unknown one, says so with 400', async () => {
    const bare = await lectern.app.inject({ method: 'GET', url: '/reset-password' });
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, /no token/);
    const unknown = await form('/confirm-email-change', { token: 'not-a-real-token' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.headers['content-type'] as string, /^text\/html/);
  });
});

describe('with a frontend (APP_URL set)', () => {
  it('mail links point at the frontend and Lectern serves no pages', async () => {
    const user = await createUser(withFrontend);
    const mail = await waitForMail(smtp.messages, user.email, /Subject: Welcome to Lectern/, 300_000);
    assert.match(mailText(mail), /https:\/\/app\.example\.com\/verify-email\?token=/);
    const page = await withFrontend.app.inject({ method: 'GET', url: '/verify-email?token=x' });
    assert.equal(page.statusCode, 404);
  });
});
