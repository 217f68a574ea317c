// 003's subscriptions (defaults, partial updates, each user only their own), preferences honoured
// at send time (muted → suppressed, security mails always go), and RFC 8058 one-click unsubscribe.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { mailText, notifyClient, waitForMail } from './support.ts';

const smtp = await startSmtpServer();
const lectern = await startTestApp({ SMTP_URL: smtp.url });
const { app } = lectern;
const { admin, studentA, studentB, owner } = await createCast(lectern);
const notify = notifyClient(lectern);

const DEFAULTS = {
  email: { marketing: false, product_updates: true, security_alerts: true, course_notifications: true },
  sms: { security_alerts: true, urgent_notifications: true },
  push: { chat_messages: true, course_reminders: true, system_notifications: true },
};

const getSubs = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/subscriptions', headers });
const putSubs = (headers: Record<string, string>, payload: object) =>
  app.inject({ method: 'PUT', url: '/api/subscriptions', headers, payload });

describe('GET/PUT /api/subscriptions', () => {
  it('answers the defaults for a user who never chose, and 401 without a token', async () => {
    const response = await getSubs(owner.auth);
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { subscriptions: DEFAULTS, updated_at: null });
    const anonymous = await app.inject({ method: 'GET', url: '/api/subscriptions' });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json().error.code, 'INVALID_TOKEN');
    assert.equal((await putSubs({}, { email: { marketing: true } })).statusCode, 401);
  });

  it('changes only what was sent, and only for the caller', async () => {
    const first = await putSubs(studentA.auth, { email: { marketing: true }, push: { course_reminders: false } });
    assert.equal(first.statusCode, 200);
    assert.deepEqual(first.json().subscriptions, {
      ...DEFAULTS,
      email: { ...DEFAULTS.email, marketing: true },
      push: { ...DEFAULTS.push, course_reminders: false },
    });
    assert.match(first.json().updated_at, /Z$/);
    const second = await putSubs(studentA.auth, {
      sms: { urgent_notifications: false },
      email: { product_updates: false },
    });
    assert.deepEqual(second.json().subscriptions, {
      email: { ...DEFAULTS.email, marketing: true, product_updates: false },
      sms: { ...DEFAULTS.sms, urgent_notifications: false },
      push: { ...DEFAULTS.push, course_reminders: false },
    });
    assert.deepEqual((await getSubs(studentA.auth)).json().subscriptions, second.json().subscriptions);
    assert.deepEqual((await getSubs(studentB.auth)).json().subscriptions, DEFAULTS, 'B is untouched');
    assert.deepEqual((await getSubs(admin.auth)).json().subscriptions, DEFAULTS, 'admins change only their own');
  });

  it('refuses unknown channels, categories and non-boolean values with 400', async () => {
    for (const payload of [{ fax: { x: true } }, { email: { newsletters: true } }, { email: { marketing: 'yes' } }]) {
      const response = await putSubs(studentB.auth, payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(typeof response.json().error.code, 'string');
    }
  });
});

describe('preferences at send time', () => {
  it('suppresses a muted category and sends nothing; security mails always go', async () => {
    await putSubs(studentB.auth, { email: { course_notifications: false, security_alerts: false } });
    const muted = await notify.send(
      { channel: 'email', recipient: studentB.email, template: 'course_enrolled', data: { course_title: 'Rust' } },
      admin.auth,
    );
    assert.equal(muted.statusCode, 202);
    assert.equal(muted.json().status, 'suppressed');
    const reset = await notify.send(
      {
        channel: 'email',
        recipient: studentB.email,
        template: 'password_reset',
        data: { reset_link: 'https://x.test/r' },
      },
      admin.auth,
    );
    assert.equal(reset.json().status, 'queued');
    await lectern.queue.settle();
    await waitForMail(smtp.messages, studentB.email, /Subject: Reset your Lectern password/);
    assert.equal(
      smtp.messages.filter((m) => m.to.includes(studentB.email) && /Enrolled|enrolled in/.test(mailText(m))).length,
      0,
    );
    const status = (await notify.status(muted.json().id, admin.auth)).json();
    assert.equal(status.status, 'suppressed');
    assert.equal(status.attempts, 0);
  });

  it('gives marketing mails a one-click List-Unsubscribe that mutes marketing (RFC 8058)', async () => {
    await putSubs(studentA.auth, { email: { marketing: true } });
    const sent = await notify.send(
      {
        channel: 'email',
        recipient: studentA.email,
        template: 'feature_announcement',
        data: { feature_name: 'Dark mode', description: 'Easier on the eyes.' },
      },
      admin.auth,
    );
    assert.equal(sent.json().status, 'queued');
    await lectern.queue.settle();
    const mail = mailText(await waitForMail(smtp.messages, studentA.email, /Subject: New in Lectern: Dark mode/));
    assert.match(mail, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    const url = /List-Unsubscribe:\s*<(http:\/\/lectern\.test\/api\/v1\/notifications\/unsubscribe\?token=[^>]+)>/.exec(
      mail.replace(/\r?\n[ \t]+/g, ''),
    )?.[1];
    assert.ok(url, `a List-Unsubscribe URL in ${mail.slice(0, 1500)}`);
    const path = url.replace('http://lectern.test', '');

    const forged = await app.inject({
      method: 'POST',
      url: `${path.slice(0, -3)}xyz`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(forged.statusCode, 422);
    const oneClick = await app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(oneClick.statusCode, 200);
    assert.equal((await getSubs(studentA.auth)).json().subscriptions.email.marketing, false);
    const again = await notify.send(
      {
        channel: 'email',
        recipient: studentA.email,
        template: 'feature_announcement',
        data: { feature_name: 'Light mode', description: 'x' },
      },
      admin.auth,
    );
    assert.equal(again.json().status, 'suppressed');
  });

  it('sends no List-Unsubscribe on transactional mails', async () => {
    await notify.send(
      { channel: 'email', recipient: owner.email, template: 'course_enrolled', data: { course_title: 'Go' } },
      admin.auth,
    );
    await lectern.queue.settle();
    const mail = mailText(await waitForMail(smtp.messages, owner.email, /Subject: You are enrolled in Go/));
    assert.doesNotMatch(mail, /List-Unsubscribe/);
  });
});
