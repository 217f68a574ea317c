// Web Push: each user registers, lists and removes their own devices; notifications go through
// the delivery job to a real HTTPS push endpoint on loopback that checks the VAPID JWT and
// decrypts the aes128gcm payload; a device the push service reports gone (404/410) is removed;
// a retried delivery only sends to the devices that missed it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import webpush from 'web-push';

import { startTestApp } from '../helpers/app.ts';
import { createCast, createUser } from '../helpers/factories.ts';
import type { Device } from './push-endpoint.ts';
import { startPushEndpoint } from './push-endpoint.ts';
import { notifyClient } from './support.ts';

const pushService = await startPushEndpoint();
const vapid = webpush.generateVAPIDKeys();
const lectern = await startTestApp({
  VAPID_PUBLIC_KEY: vapid.publicKey,
  VAPID_PRIVATE_KEY: vapid.privateKey,
  VAPID_SUBJECT: 'mailto:ops@lectern.test',
});
const { app } = lectern;
const { admin, studentA, studentB, otherInstructor } = await createCast(lectern);
const notify = notifyClient(lectern);
const BASE = '/api/v1/push/subscriptions';

const register = (auth: Record<string, string>, body: object) =>
  app.inject({ method: 'POST', url: BASE, headers: auth, payload: body });
const list = (auth: Record<string, string>) => app.inject({ method: 'GET', url: BASE, headers: auth });

async function registered(auth: Record<string, string>, device: Device, name = 'Firefox on laptop'): Promise<string> {
  const response = await register(auth, { ...device.subscription, expirationTime: null, device_name: name });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id as string;
}

const chat = (recipient: string, extra: object = {}) => ({
  channel: 'push',
  recipient,
  template: 'chat_message',
  data: { sender_name: 'Alice', message_preview: 'Are you coming to the lab?', chat_id: 'c1' },
  ...extra,
});

type Status = { id: string; status: string; attempts: number; last_error: string | null; user_id: string | null };

/** Sends through 003's notify/send and waits until delivery is over (retries included). */
async function sendPush(recipient: string): Promise<Status> {
  const response = await notify.send(chat(recipient), admin.auth);
  assert.equal(response.statusCode, 202, response.body);
  for (;;) {
    await lectern.queue.settle();
    const status = await notify.status(response.json().id, admin.auth);
    assert.equal(status.statusCode, 200, status.body);
    // A retry waits for its backoff, which `settle` does not count as pending.
    if (status.json().status !== 'queued') return status.json() as Status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('push settings', () => {
  it('gives signed-in users the VAPID public key; anonymous callers get 401', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/push/config',
      headers: studentA.auth,
    });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { enabled: true, vapid_public_key: vapid.publicKey });
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/push/config' });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(typeof anonymous.json().detail, 'string');
  });
});

describe('registering devices', () => {
  it('registers, renews, lists and removes the caller’s own devices only', async () => {
    const user = await createUser(lectern);
    const laptop = pushService.device();
    const phone = pushService.device();
    const laptopId = await registered(user.auth, laptop);
    await registered(user.auth, phone, 'Chrome on phone');

    const again = await register(user.auth, { ...laptop.subscription, device_name: 'Firefox (renewed)' });
    assert.equal(again.statusCode, 200, 'a known endpoint is renewed, not duplicated');
    assert.equal(again.json().id, laptopId);

    const mine = await list(user.auth);
    assert.equal(mine.statusCode, 200);
    assert.equal(mine.json().total, 2);
    assert.deepEqual(
      mine
        .json()
        .items.map((d: { device_name: string }) => d.device_name)
        .sort(),
      ['Chrome on phone', 'Firefox (renewed)'],
    );
    assert.equal('keys' in mine.json().items[0], false, 'keys stay on the server');

    for (const other of [studentB, otherInstructor, admin]) {
      assert.equal((await list(other.auth)).json().total, 0, 'nobody else sees the devices');
      const remove = await app.inject({ method: 'DELETE', url: `${BASE}/${laptopId}`, headers: other.auth });
      assert.equal(remove.statusCode, 404, 'another user’s device is not found');
    }
    assert.equal((await list(user.auth)).json().total, 2);
    const remove = await app.inject({ method: 'DELETE', url: `${BASE}/${laptopId}`, headers: user.auth });
    assert.equal(remove.statusCode, 204);
    assert.equal((await list(user.auth)).json().total, 1);
  });

  it('refuses anonymous callers, non-https endpoints and malformed keys', async () => {
    const device = pushService.device();
    assert.equal((await register({}, device.subscription)).statusCode, 401);
    assert.equal((await list({})).statusCode, 401);
    const cases: [object, string][] = [
      [{ ...device.subscription, endpoint: 'http://127.0.0.1:9/push/x' }, 'endpoint'],
      [{ ...device.subscription, endpoint: 'file:///etc/passwd' }, 'endpoint'],
      [{ ...device.subscription, endpoint: 'not a url' }, 'endpoint'],
      [{ ...device.subscription, keys: { ...device.subscription.keys, p256dh: 'AAAA' } }, 'keys.p256dh'],
      [{ ...device.subscription, keys: { ...device.subscription.keys, auth: 'not base64!' } }, 'keys.auth'],
    ];
    for (const [body, field] of cases) {
      const response = await register(studentA.auth, body);
      assert.equal(response.statusCode, 422, `${field}: ${response.body}`);
      assert.ok(JSON.stringify(response.json().detail).includes(field), response.body);
    }
    const missing = await register(studentA.auth, { endpoint: device.subscription.endpoint });
    assert.equal(missing.statusCode, 422);
    assert.equal((await list(studentA.auth)).json().total, 0);
  });
});

describe('delivery', () => {
  it('pushes to every device of the user, encrypted and signed with VAPID', async () => {
    const user = await createUser(lectern);
    const [laptop, phone] = [pushService.device(), pushService.device()];
    await registered(user.auth, laptop);
    await registered(user.auth, phone);

    const notification = await sendPush(user.id);
    assert.equal(notification.status, 'sent');
    assert.equal(notification.attempts, 1);
    const received = pushService.messages.filter((m) => m.payload['id'] === notification.id);
    assert.deepEqual(received.map((m) => m.device).sort(), [laptop.id, phone.id].sort());
    for (const message of received) {
      assert.equal(message.payload['title'], 'Alice');
      assert.equal(message.payload['body'], 'Are you coming to the lab?');
      assert.equal(message.payload['template'], 'chat_message');
      assert.equal(message.vapidKey, vapid.publicKey);
      assert.equal(message.jwt.sub, 'mailto:ops@lectern.test');
      assert.ok(message.jwt.exp * 1000 > Date.now(), 'the JWT has not expired');
      assert.ok(Number(message.ttl) > 0);
    }
    const devices = (await list(user.auth)).json().items as { last_used_at: string | null }[];
    assert.ok(devices.every((d) => d.last_used_at !== null));
    assert.deepEqual(pushService.rejected, []);
  });

  it('removes a device whose push service answers 410 or 404, and still delivers to the others', async () => {
    const user = await createUser(lectern);
    const gone = pushService.device([410]);
    const unknown = pushService.device([404]);
    const alive = pushService.device();
    for (const device of [gone, unknown, alive]) await registered(user.auth, device);

    const notification = await sendPush(user.id);
    assert.equal(notification.status, 'sent');
    const remaining = (await list(user.auth)).json();
    assert.equal(remaining.total, 1);
    assert.equal(remaining.items[0].endpoint, alive.subscription.endpoint);
    assert.equal(pushService.messages.filter((m) => m.payload['id'] === notification.id).length, 1);
  });

  it('fails at once when every device is gone or the user has none', async () => {
    const user = await createUser(lectern);
    await registered(user.auth, pushService.device([410]));
    const expired = await sendPush(user.id);
    assert.equal(expired.status, 'failed');
    assert.equal(expired.attempts, 1, 'not retried: retrying cannot help');
    assert.equal(expired.last_error, 'every push subscription of the recipient has expired');
    assert.equal((await list(user.auth)).json().total, 0);

    const none = await sendPush(user.id);
    assert.equal(none.status, 'failed');
    assert.equal(none.last_error, 'the recipient has no push subscription');

    const nobody = await sendPush('00000000-0000-4000-8000-000000000000');
    assert.equal(nobody.status, 'failed', 'an id of no user and no device is no server error');
    assert.equal(nobody.user_id, null);
  });

  it('pushes nothing when the user muted the category', async () => {
    const user = await createUser(lectern);
    await registered(user.auth, pushService.device());
    const mute = await app.inject({
      method: 'PUT',
      url: '/api/subscriptions',
      headers: user.auth,
      payload: { push: { chat_messages: false } },
    });
    assert.equal(mute.statusCode, 200, mute.body);
    const notification = await sendPush(user.id);
    assert.equal(notification.status, 'suppressed');
    assert.equal(pushService.messages.filter((m) => m.payload['id'] === notification.id).length, 0);
  });

  it('retries a device the push service refused, without pushing twice to the device that got it', async () => {
    const user = await createUser(lectern);
    const flaky = pushService.device([500]);
    const steady = pushService.device();
    await registered(user.auth, flaky);
    await registered(user.auth, steady);

    const notification = await sendPush(user.id);
    assert.equal(notification.status, 'sent');
    assert.equal(notification.attempts, 2);
    const received = pushService.messages.filter((m) => m.payload['id'] === notification.id);
    assert.deepEqual(received.map((m) => m.device).sort(), [flaky.id, steady.id].sort(), 'one push per device');
  });

  it('pushes to one device when the recipient is that subscription’s id', async () => {
    const user = await createUser(lectern);
    const tablet = pushService.device();
    const phone = pushService.device();
    const tabletId = await registered(user.auth, tablet);
    await registered(user.auth, phone);
    const notification = await sendPush(tabletId);
    assert.equal(notification.status, 'sent');
    assert.equal(notification.user_id, user.id, 'the device’s owner: their preferences and feed apply');
    const received = pushService.messages.filter((m) => m.payload['id'] === notification.id);
    assert.deepEqual(
      received.map((m) => m.device),
      [tablet.id],
    );
  });
});
