// Admins list, read, override, preview and reset templates on the native surface; an override is
// used by the next send; a template that does not parse is refused; nobody else may touch them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { notifyClient } from './support.ts';

const lectern = await startTestApp();
const { app } = lectern;
const { admin, studentA, owner } = await createCast(lectern);
const notify = notifyClient(lectern);
const base = '/api/v1/admin/notification-templates';

describe('templates', () => {
  it('lists every template of the document with its channels', async () => {
    const response = await app.inject({ method: 'GET', url: base, headers: admin.auth });
    assert.equal(response.statusCode, 200);
    const names = response.json().map((t: { name: string }) => t.name);
    for (const name of [
      'welcome_email',
      'email_verification',
      'password_reset',
      'login_alert',
      'account_locked',
      'course_enrolled',
      'course_completed',
      'lesson_reminder',
      'assignment_due',
      'maintenance_notice',
      'feature_announcement',
      'security_update',
      'verification_code',
      'chat_message',
    ]) {
      assert.ok(names.includes(name), name);
    }
    const reset = response.json().find((t: { name: string }) => t.name === 'password_reset');
    assert.deepEqual(reset.channels, ['email']);
    assert.equal(reset.always_sent, true);
  });

  it('overrides a channel (used by notify/preview and sends from then on), previews an unsaved version, and resets', async () => {
    const put = await app.inject({
      method: 'PUT',
      url: `${base}/welcome_email/email`,
      headers: admin.auth,
      payload: { subject: 'Hi {{ user_name }}', text: 'Hello {{ user_name }}', html: '<p>Hello {{ user_name }}</p>' },
    });
    assert.equal(put.statusCode, 200, put.body);
    const version = put.json().versions[0];
    assert.equal(version.overridden, true);
    assert.equal(version.subject, 'Hi {{ user_name }}');

    const preview = await notify.preview(
      { channel: 'email', template: 'welcome_email', data: { user_name: 'Ann & Bob' } },
      admin.auth,
    );
    assert.deepEqual(preview.json(), {
      subject: 'Hi Ann & Bob',
      content: '<p>Hello Ann &amp; Bob</p>',
      text_content: 'Hello Ann & Bob',
    });
    const unsaved = await app.inject({
      method: 'POST',
      url: `${base}/welcome_email/email/preview`,
      headers: admin.auth,
      payload: {
        data: { user_name: 'Zed' },
        subject: 'Draft {{ user_name }}',
        text: 'T {{ user_name }}',
        html: '<b>{{ user_name }}</b>',
      },
    });
    assert.deepEqual(unsaved.json(), { subject: 'Draft Zed', html: '<b>Zed</b>', text: 'T Zed' });

    const reset = await app.inject({ method: 'DELETE', url: `${base}/welcome_email/email`, headers: admin.auth });
    assert.equal(reset.statusCode, 204);
    const after = await app.inject({ method: 'GET', url: `${base}/welcome_email`, headers: admin.auth });
    assert.equal(after.json().versions[0].overridden, false);
    assert.equal(after.json().versions[0].subject, 'Welcome to {{ app_name }}!');
  });

  it('refuses a template that does not parse, an unknown template or channel, and code in templates', async () => {
    const broken = await app.inject({
      method: 'PUT',
      url: `${base}/welcome_email/email`,
      headers: admin.auth,
      payload: { subject: 'x', text: 'Hello {% if %}' },
    });
    assert.equal(broken.statusCode, 422);
    const unknown = await app.inject({ method: 'GET', url: `${base}/nope`, headers: admin.auth });
    assert.equal(unknown.statusCode, 404);
    const noSms = await app.inject({
      method: 'PUT',
      url: `${base}/welcome_email/sms`,
      headers: admin.auth,
      payload: { text: 'x' },
    });
    assert.equal(noSms.statusCode, 404);
    // Liquid has no way to reach JavaScript: constructors and prototypes render empty.
    const probe = await app.inject({
      method: 'POST',
      url: `${base}/welcome_email/email/preview`,
      headers: admin.auth,
      payload: {
        data: { user_name: 'x' },
        text: '[{{ user_name.constructor }}][{{ user_name.constructor.constructor }}][{% include "/etc/passwd" %}]',
      },
    });
    assert.equal(probe.statusCode, 422, 'includes have no file system to read');
    const props = await app.inject({
      method: 'POST',
      url: `${base}/welcome_email/email/preview`,
      headers: admin.auth,
      payload: { data: { user_name: 'x' }, text: '[{{ user_name.constructor }}][{{ data.__proto__ }}]' },
    });
    assert.equal(props.statusCode, 200);
    assert.equal(props.json().text, '[][]');
  });

  it('is for admins only', async () => {
    for (const user of [studentA, owner]) {
      assert.equal((await app.inject({ method: 'GET', url: base, headers: user.auth })).statusCode, 403);
      const put = await app.inject({
        method: 'PUT',
        url: `${base}/welcome_email/email`,
        headers: user.auth,
        payload: { text: 'x' },
      });
      assert.equal(put.statusCode, 403);
    }
    assert.equal((await app.inject({ method: 'GET', url: `${base}/welcome_email` })).statusCode, 401);
  });
});
