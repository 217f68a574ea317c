// 003's notify/send and notify/preview: never open (admin token or service API key), validation in
// 003's error format, rendering with escaping, queued delivery over real SMTP and SMS webhook
// servers on loopback, status for admins, and idempotency keys (8 concurrent sends, one mail).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast, uniqueEmail } from '../helpers/factories.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { mailText, notifyClient, startSmsWebhook, waitForMail } from './support.ts';

const smtp = await startSmtpServer();
const sms = await startSmsWebhook();
const lectern = await startTestApp({ SMTP_URL: smtp.url, SMS_WEBHOOK_URL: sms.url });
const { app } = lectern;
const cast = await createCast(lectern);
const { admin, studentA, otherInstructor } = cast;
const notify = notifyClient(lectern);

const welcome = (recipient: string, extra: object = {}) => ({
  channel: 'email',
  recipient,
  template: 'welcome_email',
  data: { user_name: 'John <b>Doe</b>', activation_link: 'https://app.example.com/activate/token123' },
  ...extra,
});

async function createKey(name = 'billing service') {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/notification-api-keys',
    headers: admin.auth,
    payload: { name },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json() as { id: string; key: string; prefix: string };
}

describe('who may send', () => {
  it('refuses a request without a credential with 401 and sends nothing', async () => {
    const to = uniqueEmail('anon');
    const response = await notify.send(welcome(to));
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().error.code, 'INVALID_TOKEN');
    assert.equal(typeof response.json().error.request_id, 'string');
    const preview = await notify.preview({ channel: 'email', template: 'welcome_email' });
    assert.equal(preview.statusCode, 401);
    await lectern.queue.settle();
    const stored = await lectern.database.db
      .selectFrom('notifications')
      .select('id')
      .where('recipient', '=', to)
      .execute();
    assert.equal(stored.length, 0);
    assert.equal(smtp.messages.filter((m) => m.to.includes(to)).length, 0);
  });

  it('refuses students and instructors (403), and unknown or revoked API keys (401)', async () => {
    for (const user of [studentA, otherInstructor]) {
      const response = await notify.send(welcome(uniqueEmail('x')), user.auth);
      assert.equal(response.statusCode, 403);
      assert.equal(response.json().error.code, 'INSUFFICIENT_PERMISSIONS');
    }
    const unknown = await notify.send(welcome(uniqueEmail('x')), { 'x-api-key': 'lsk_not-a-real-key' });
    assert.equal(unknown.statusCode, 401);

    const key = await createKey();
    const to = uniqueEmail('keyed');
    const ok = await notify.send(welcome(to), { 'x-api-key': key.key });
    assert.equal(ok.statusCode, 202, ok.body);
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/notification-api-keys/${key.id}`,
      headers: admin.auth,
    });
    assert.equal(revoke.statusCode, 204);
    const after = await notify.send(welcome(uniqueEmail('x')), { 'x-api-key': key.key });
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.message, 'The API key is unknown or revoked');
  });

  it('lets admins create, list and revoke keys: shown once, stored hashed; nobody else may', async () => {
    const key = await createKey('crm');
    assert.match(key.key, /^lsk_[A-Za-z0-9_-]{40,}$/);
    assert.ok(key.key.startsWith(key.prefix));
    const list = await app.inject({ method: 'GET', url: '/api/v1/admin/notification-api-keys', headers: admin.auth });
    assert.equal(list.statusCode, 200);
    const listed = list.json().items.find((k: { id: string }) => k.id === key.id);
    assert.equal(listed.name, 'crm');
    assert.deepEqual(listed.scopes, ['notify']);
    assert.equal(listed.key, undefined);
    assert.ok(!list.body.includes(key.key));
    const row = await lectern.database.db
      .selectFrom('notification_api_keys')
      .selectAll()
      .where('id', '=', key.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(row.key_hash, key.key);
    assert.match(row.key_hash, /^[0-9a-f]{64}$/);
    for (const user of [studentA, otherInstructor]) {
      const create = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/notification-api-keys',
        headers: user.auth,
        payload: { name: 'mine' },
      });
      assert.equal(create.statusCode, 403);
      const revoke = await app.inject({
        method: 'DELETE',
        url: `/api/v1/admin/notification-api-keys/${key.id}`,
        headers: user.auth,
      });
      assert.equal(revoke.statusCode, 403);
    }
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/admin/notification-api-keys' });
    assert.equal(anonymous.statusCode, 401);
  });
});

describe('sending', () => {
  it('queues an email (202), delivers it over SMTP with escaped data, and records it as sent', async () => {
    const to = uniqueEmail('welcome');
    const response = await notify.send(welcome(to), admin.auth);
    assert.equal(response.statusCode, 202, response.body);
    const body = response.json();
    assert.equal(body.status, 'queued');
    assert.equal(body.channel, 'email');
    assert.equal(body.template, 'welcome_email');
    await lectern.queue.settle();
    const mail = await waitForMail(smtp.messages, to, /Subject: Welcome to Lectern!/);
    const text = mailText(mail);
    assert.match(text, /<h1>Welcome John &lt;b&gt;Doe&lt;\/b&gt;!<\/h1>/);
    assert.match(
      text,
      /Welcome John <b>Doe<\/b>! Click here to activate your account: https:\/\/app\.example\.com\/activate\/token123/,
    );
    assert.match(text, new RegExp(`Message-ID: <${body.id}@lectern\\.test>`, 'i'));

    const status = await notify.status(body.id, admin.auth);
    assert.equal(status.statusCode, 200);
    assert.equal(status.json().status, 'sent');
    assert.equal(status.json().attempts, 1);
    assert.equal(status.json().last_error, null);
    assert.equal(status.json().sender_kind, 'admin');
    assert.match(status.json().sent_at, /Z$/);
    for (const user of [studentA, otherInstructor]) {
      assert.equal((await notify.status(body.id, user.auth)).statusCode, 403);
    }
    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/admin/notifications?recipient=${encodeURIComponent(to)}`,
      headers: admin.auth,
    });
    assert.equal(list.json().total, 1);
    assert.equal(list.json().items[0].id, body.id);
  });

  it('sends SMS through the webhook, and records a failed attempt with its error', async () => {
    const ok = await notify.send(
      {
        channel: 'sms',
        recipient: '+15550100001',
        template: 'verification_code',
        data: { code: '123456', expires_in: '5 minutes' },
      },
      admin.auth,
    );
    assert.equal(ok.statusCode, 202, ok.body);
    sms.refuse.add('+15550100002');
    const failing = await notify.send(
      { channel: 'sms', recipient: '+15550100002', template: 'verification_code', data: { code: '654321' } },
      admin.auth,
    );
    await lectern.queue.settle();
    assert.deepEqual(
      sms.messages.filter((m) => m.to === '+15550100001'),
      [{ to: '+15550100001', body: 'Your Lectern code is 123456. It expires in 5 minutes. Never share it.' }],
    );
    const status = (await notify.status(failing.json().id, admin.auth)).json();
    assert.equal(status.status, 'queued', 'retried later with backoff');
    assert.equal(status.attempts, 1);
    assert.equal(status.last_error, 'SMS webhook answered 500');
  });

  it('puts push into the dev outbox without VAPID keys', async () => {
    const response = await notify.send(
      {
        channel: 'push',
        recipient: 'device_token_abc',
        template: 'chat_message',
        data: { sender_name: 'Alice', message_preview: 'Hey, how are you doing?', chat_id: 'chat_123' },
      },
      admin.auth,
    );
    assert.equal(response.statusCode, 202);
    await lectern.queue.settle();
    const outbox = await app.inject({
      method: 'GET',
      url: '/api/v1/admin/outbox?channel=push&recipient=device_token_abc',
      headers: admin.auth,
    });
    assert.equal(outbox.json().items[0].subject, 'Alice');
    assert.equal(outbox.json().items[0].body_text, 'Hey, how are you doing?');
  });

  it('answers 404 TEMPLATE_NOT_FOUND with the available templates, 400 INVALID_CHANNEL and INVALID_RECIPIENT', async () => {
    const missing = await notify.send(
      { channel: 'email', recipient: 'a@example.com', template: 'invalid_template' },
      admin.auth,
    );
    assert.equal(missing.statusCode, 404);
    const error = missing.json().error;
    assert.equal(error.code, 'TEMPLATE_NOT_FOUND');
    assert.equal(error.message, "The specified template 'invalid_template' was not found");
    assert.equal(error.details.template, 'invalid_template');
    assert.equal(error.details.available_templates.length, 18);
    assert.ok(error.details.available_templates.includes('welcome_email'));

    const channel = await notify.send(
      { channel: 'fax', recipient: 'a@example.com', template: 'welcome_email' },
      admin.auth,
    );
    assert.equal(channel.statusCode, 400);
    assert.equal(channel.json().error.code, 'INVALID_CHANNEL');

    const wrongChannel = await notify.send(
      { channel: 'sms', recipient: '+15550100003', template: 'welcome_email' },
      admin.auth,
    );
    assert.equal(wrongChannel.statusCode, 404);
    assert.deepEqual(wrongChannel.json().error.details.available_channels, ['email']);

    for (const [ch, recipient] of [
      ['email', 'not-an-email'],
      ['sms', '0123'],
    ] as const) {
      const bad = await notify.send(
        { channel: ch, recipient, template: 'verification_code', data: { code: '1' } },
        admin.auth,
      );
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'INVALID_RECIPIENT');
    }
    const noBody = await notify.send({ channel: 'email' }, admin.auth);
    assert.equal(noBody.statusCode, 400);
    assert.equal(noBody.json().error.code, 'MISSING_REQUIRED_FIELD');
  });
});

describe('idempotency keys', () => {
  it('sends once for 8 concurrent identical requests, and answers each like the first', async () => {
    const to = uniqueEmail('idem');
    const payload = welcome(to, { idempotency_key: `welcome-${to}` });
    const responses = await Promise.all(Array.from({ length: 8 }, () => notify.send(payload, admin.auth)));
    assert.deepEqual(
      responses.map((r) => r.statusCode),
      Array(8).fill(202),
    );
    const ids = new Set(responses.map((r) => r.json().id));
    assert.equal(ids.size, 1);
    assert.equal(responses.filter((r) => r.headers['idempotent-replayed'] === 'true').length, 7);
    await lectern.queue.settle();
    await waitForMail(smtp.messages, to, /Subject: Welcome/);
    const again = await notify.send(payload, admin.auth);
    assert.equal(again.json().id, [...ids][0]);
    await lectern.queue.settle();
    assert.equal(smtp.messages.filter((m) => m.to.includes(to)).length, 1);
  });

  it('refuses the same key with a different request (409); keys belong to their sender', async () => {
    const to = uniqueEmail('idem2');
    const key = `k-${to}`;
    const first = await notify.send(welcome(to, { idempotency_key: key }), admin.auth);
    const changed = await notify.send(welcome(to, { idempotency_key: key, data: { user_name: 'Other' } }), admin.auth);
    assert.equal(changed.statusCode, 409);
    assert.equal(changed.json().error.code, 'IDEMPOTENCY_KEY_REUSED');
    const apiKey = await createKey('other sender');
    const other = await notify.send(welcome(to, { idempotency_key: key }), { 'x-api-key': apiKey.key });
    assert.equal(other.statusCode, 202);
    assert.notEqual(other.json().id, first.json().id);
  });
});

describe('preview', () => {
  it('renders subject, HTML and text without sending; data is escaped in HTML and cannot run code', async () => {
    const response = await notify.preview(
      {
        channel: 'email',
        template: 'welcome_email',
        data: { user_name: '<script>alert(1)</script>', activation_link: 'https://app.example.com/activate/token123' },
      },
      admin.auth,
    );
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      subject: 'Welcome to Lectern!',
      content:
        "<html><body><h1>Welcome &lt;script&gt;alert(1)&lt;/script&gt;!</h1><p>Click <a href='https://app.example.com/activate/token123'>here</a> to activate your account.</p></body></html>",
      text_content:
        'Welcome <script>alert(1)</script>! Click here to activate your account: https://app.example.com/activate/token123',
    });
    const sms = await notify.preview(
      { channel: 'sms', template: 'verification_code', data: { code: '123456', expires_in: '5 minutes' } },
      admin.auth,
    );
    assert.deepEqual(sms.json(), {
      subject: null,
      content: 'Your Lectern code is 123456. It expires in 5 minutes. Never share it.',
      text_content: 'Your Lectern code is 123456. It expires in 5 minutes. Never share it.',
    });
    const key = await createKey('previewer');
    assert.equal(
      (await notify.preview({ channel: 'push', template: 'chat_message' }, { 'x-api-key': key.key })).statusCode,
      200,
    );
    assert.equal((await notify.preview({ channel: 'push', template: 'chat_message' }, studentA.auth)).statusCode, 403);
  });
});

// Last: it moves the clock a day on, past every access token of the file.
describe('idempotency window', () => {
  it('frees a key after 24 hours', async () => {
    const apiKey = await createKey('daily job');
    const to = uniqueEmail('daily');
    const payload = welcome(to, { idempotency_key: 'daily-digest' });
    const first = await notify.send(payload, { 'x-api-key': apiKey.key });
    lectern.clock.advance(23 * 60 * 60 * 1000);
    const same = await notify.send(payload, { 'x-api-key': apiKey.key });
    assert.equal(same.json().id, first.json().id);
    lectern.clock.advance(60 * 60 * 1000 + 1000);
    const later = await notify.send(payload, { 'x-api-key': apiKey.key });
    assert.equal(later.statusCode, 202);
    assert.notEqual(later.json().id, first.json().id);
  });
});
