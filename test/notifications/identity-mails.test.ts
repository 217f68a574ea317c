// Identity's mails (welcome, verification, password reset, email change and its notice) go out
// as notifications: the notifications templates, a status per mail, Message-ID = notification id.
// Those carrying a one-time link are confidential: never in the in-app feed, redacted for admins,
// their bodies wiped once sent. The old `mail.deliver` job is gone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sql } from 'kysely';

import { startTestApp } from '../helpers/app.ts';
import { createCast, createUser, uniqueEmail } from '../helpers/factories.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { linkToken } from '../identity/identity-helpers.ts';
import { mailText, waitForMail } from './support.ts';

const smtp = await startSmtpServer();
const lectern = await startTestApp({ SMTP_URL: smtp.url });
const { app } = lectern;
const { admin } = await createCast(lectern);

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });

async function notificationsTo(recipient: string) {
  await lectern.queue.settle();
  return lectern.database.db
    .selectFrom('notifications')
    .selectAll()
    .where('recipient', '=', recipient)
    .orderBy('created_at')
    .execute();
}

describe('identity mails through the notifications module', () => {
  it('sends the welcome mail from the welcome_email template as a confidential system notification', async () => {
    const user = await createUser(lectern);
    const mail = await waitForMail(smtp.messages, user.email, /Subject: Welcome to Lectern!/);
    const rows = await notificationsTo(user.email);
    assert.deepEqual(
      rows.map((r) => [r.template, r.channel, r.status, r.sender_kind, r.confidential, r.user_id]),
      [['welcome_email', 'email', 'sent', 'system', true, user.id]],
    );
    assert.match(mailText(mail), new RegExp(`Message-ID: <${rows[0]!.id}@`));
    // The verification link works: the mail carries a real token.
    assert.equal((await post('/auth/verify-email', { token: linkToken(mail, 'verify-email') })).statusCode, 200);
  });

  it('a password reset: one sent notification, a working link, no trace of the link afterwards', async () => {
    const user = await createUser(lectern);
    assert.equal((await post('/auth/password-reset/request', { email: user.email })).statusCode, 202);
    const mail = await waitForMail(smtp.messages, user.email, /Subject: Reset your Lectern password/);
    const token = linkToken(mail, 'reset-password');
    const rows = (await notificationsTo(user.email)).filter((r) => r.template === 'password_reset');
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 1);
    assert.equal(row.confidential, true);
    assert.match(mailText(mail), new RegExp(`Message-ID: <${row.id}@`));
    // Sent: the stored bodies and data no longer hold the link.
    assert.equal(row.body_text, '');
    assert.equal(row.body_html, null);
    assert.deepEqual(row.data, {});
    const dump = await sql<{ n: number }>`select count(*)::int as n from notifications
      where body_text like ${`%${token}%`} or data::text like ${`%${token}%`}`.execute(lectern.database.db);
    assert.equal(dump.rows[0]!.n, 0);

    // Not in the user's feed or unread count; admins see the status, not the content.
    const feed = await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: user.auth });
    assert.equal(feed.statusCode, 200);
    assert.ok(!feed.body.includes(row.id));
    assert.ok(!feed.body.includes(token));
    const adminView = await app.inject({
      method: 'GET',
      url: `/api/v1/admin/notifications/${row.id}`,
      headers: admin.auth,
    });
    assert.equal(adminView.statusCode, 200);
    assert.equal(adminView.json().status, 'sent');
    assert.equal(adminView.json().template, 'password_reset');
    assert.ok(!adminView.body.includes(token));

    const reset = await post('/auth/password-reset/confirm', { token, new_password: 'Another-Strong-Pass-7' });
    assert.equal(reset.statusCode, 200, reset.body);
  });

  it('email change: the confirmation to the new address, the notice to the old one (not confidential)', async () => {
    const user = await createUser(lectern);
    const newEmail = uniqueEmail('moved');
    assert.equal((await post('/users/me/email', { new_email: newEmail }, user.auth)).statusCode, 202);
    const mail = await waitForMail(smtp.messages, newEmail, /Subject: Confirm your new email address/);
    const confirm = await post('/auth/email-change/confirm', { token: linkToken(mail, 'confirm-email-change') });
    assert.equal(confirm.statusCode, 200);
    const notice = await waitForMail(smtp.messages, user.email, /Subject: Your Lectern email address was changed/);
    assert.match(mailText(notice), new RegExp(`changed to ${newEmail.replace(/[.+]/g, '\\$&')}`));

    const toNew = await notificationsTo(newEmail);
    assert.deepEqual(
      toNew.map((r) => [r.template, r.status, r.confidential]),
      [['email_change', 'sent', true]],
    );
    const toOld = (await notificationsTo(user.email)).filter((r) => r.template === 'email_changed');
    assert.deepEqual(
      toOld.map((r) => [r.status, r.confidential, r.category]),
      [['sent', false, 'security_alerts']],
    );
    assert.match(toOld[0]!.body_text, /changed to/);
  });

  it('a request for an unknown address, or a rolled-back sign-up, queues nothing', async () => {
    const ghost = uniqueEmail('ghost');
    assert.equal((await post('/auth/password-reset/request', { email: ghost })).statusCode, 202);
    const taken = await createUser(lectern);
    await lectern.queue.settle();
    const before = (await notificationsTo(taken.email)).length;
    const again = await post('/auth/register', {
      email: taken.email,
      password: 'Lectern-Test-Pass-9',
      full_name: 'Twice',
    });
    assert.equal(again.statusCode, 409);
    assert.equal((await notificationsTo(ghost)).length, 0);
    assert.equal((await notificationsTo(taken.email)).length, before);
  });

  it('no job of the old mail path exists', async () => {
    await createUser(lectern);
    await lectern.queue.settle();
    const old = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = 'mail.deliver'`.execute(
      lectern.database.db,
    );
    assert.equal(old.rows[0]!.n, 0);
  });
});
