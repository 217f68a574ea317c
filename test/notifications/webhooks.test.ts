// Outgoing webhooks: admins register endpoints (secret shown once; only http/https URLs; known
// event types), domain events become deliveries signed per Standard Webhooks and verified by the
// reference library in a receiver on loopback, retried with backoff, logged per endpoint,
// replayed by hand, and an endpoint that keeps failing is disabled. An event no enabled endpoint
// wants is not even queued for the webhooks subscriber.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';

import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import { createCast, createUser } from '../helpers/factories.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';

const receiver = await startWebhookReceiver();
const lectern = await startTestApp({
  WEBHOOK_MAX_ATTEMPTS: '2',
  WEBHOOK_RETRY_DELAY_SECONDS: '1',
  WEBHOOK_DISABLE_AFTER_FAILURES: '2',
});
const { app } = lectern;
const { admin, studentA, otherInstructor, owner } = await createCast(lectern);
const BASE = '/api/v1/admin/webhooks';

interface Delivery {
  id: string;
  message_id: string;
  event_type: string;
  payload: { type: string; data: Record<string, unknown> };
  status: string;
  attempts: number;
  response_status: number | null;
  last_error: string | null;
  replay_of: string | null;
}

/** Registers an endpoint for `path` on the receiver, which then trusts its secret. */
async function register(path: string, eventTypes: string[] = ['identity.user.registered']) {
  const response = await app.inject({
    method: 'POST',
    url: BASE,
    headers: admin.auth,
    payload: { url: receiver.url(path), event_types: eventTypes, description: `receiver ${path}` },
  });
  assert.equal(response.statusCode, 201, response.body);
  const created = response.json() as { id: string; secret: string; enabled: boolean };
  receiver.trust(path, created.secret);
  return created;
}

async function deliveries(webhookId: string): Promise<Delivery[]> {
  const response = await app.inject({ method: 'GET', url: `${BASE}/${webhookId}/deliveries`, headers: admin.auth });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().items as Delivery[];
}

/** Waits until the endpoint has `count` deliveries and none is pending (retries wait for their backoff). */
async function settled(webhookId: string, count: number): Promise<Delivery[]> {
  for (;;) {
    await lectern.queue.settle();
    const items = await deliveries(webhookId);
    if (items.length >= count && items.every((d) => d.status !== 'pending')) return items;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const getWebhook = async (id: string) =>
  (await app.inject({ method: 'GET', url: `${BASE}/${id}`, headers: admin.auth })).json();

describe('who may manage webhooks', () => {
  it('is for admins only: anonymous 401, students and instructors 403', async () => {
    const endpoint = await register('/matrix');
    const calls = [
      { method: 'GET' as const, url: BASE },
      { method: 'POST' as const, url: BASE, payload: { url: receiver.url('/x'), event_types: ['files.media.ready'] } },
      { method: 'GET' as const, url: `${BASE}/${endpoint.id}` },
      { method: 'PATCH' as const, url: `${BASE}/${endpoint.id}`, payload: { enabled: false } },
      { method: 'DELETE' as const, url: `${BASE}/${endpoint.id}` },
      { method: 'GET' as const, url: `${BASE}/${endpoint.id}/deliveries` },
      { method: 'GET' as const, url: '/api/v1/admin/webhook-event-types' },
    ];
    for (const call of calls) {
      const anonymous = await app.inject(call);
      assert.equal(anonymous.statusCode, 401, `${call.method} ${call.url}`);
      assert.equal(typeof anonymous.json().detail, 'string');
      for (const user of [studentA, otherInstructor, owner]) {
        const response = await app.inject({ ...call, headers: user.auth });
        assert.equal(response.statusCode, 403, `${call.method} ${call.url}`);
      }
    }
    assert.equal((await getWebhook(endpoint.id)).enabled, true, 'nothing changed');
    const types = await app.inject({ method: 'GET', url: '/api/v1/admin/webhook-event-types', headers: admin.auth });
    assert.equal(types.statusCode, 200);
    assert.ok(types.json().includes('learning.enrollment.created'));
  });
});

describe('registering endpoints', () => {
  it('shows the secret once and never again', async () => {
    const created = await register('/once');
    assert.match(created.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await app.inject({ method: 'GET', url: `${BASE}/${created.id}`, headers: admin.auth });
    assert.equal(read.statusCode, 200);
    assert.equal('secret' in read.json(), false);
    assert.deepEqual(read.json().event_types, ['identity.user.registered']);
    const list = await app.inject({ method: 'GET', url: BASE, headers: admin.auth });
    assert.ok(list.json().items.some((w: { id: string }) => w.id === created.id));
    assert.ok(!list.body.includes(created.secret));
  });

  it('refuses non-http(s) URLs, credentials in URLs and unknown event types with 422', async () => {
    const cases: [object, string][] = [
      [{ url: 'ftp://127.0.0.1/hook', event_types: ['files.media.ready'] }, 'url'],
      [{ url: 'file:///etc/passwd', event_types: ['files.media.ready'] }, 'url'],
      [{ url: 'javascript:alert(1)', event_types: ['files.media.ready'] }, 'url'],
      [{ url: 'gopher://127.0.0.1:6379/_INFO', event_types: ['files.media.ready'] }, 'url'],
      [{ url: 'http://user:secret@127.0.0.1/hook', event_types: ['files.media.ready'] }, 'url'],
      [{ url: 'not a url', event_types: ['files.media.ready'] }, 'url'],
      [{ url: receiver.url('/bad'), event_types: ['files.media.exploded'] }, 'event_types'],
      [{ url: receiver.url('/bad'), event_types: [] }, 'event_types'],
    ];
    for (const [payload, field] of cases) {
      const response = await app.inject({ method: 'POST', url: BASE, headers: admin.auth, payload });
      assert.equal(response.statusCode, 422, `${JSON.stringify(payload)}: ${response.body}`);
      assert.ok(JSON.stringify(response.json().detail).includes(field), response.body);
    }
  });

  it('changes and removes an endpoint; an unknown one answers 404', async () => {
    const created = await register('/change');
    const patch = await app.inject({
      method: 'PATCH',
      url: `${BASE}/${created.id}`,
      headers: admin.auth,
      payload: { event_types: ['learning.enrollment.created', 'files.media.ready'], description: null },
    });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.deepEqual(patch.json().event_types, ['files.media.ready', 'learning.enrollment.created']);
    assert.equal(patch.json().description, null);
    const bad = await app.inject({
      method: 'PATCH',
      url: `${BASE}/${created.id}`,
      headers: admin.auth,
      payload: { url: 'file:///tmp/x' },
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(
      (await app.inject({ method: 'DELETE', url: `${BASE}/${created.id}`, headers: admin.auth })).statusCode,
      204,
    );
    const gone = await app.inject({ method: 'GET', url: `${BASE}/${created.id}`, headers: admin.auth });
    assert.equal(gone.statusCode, 404);
    assert.equal(typeof gone.json().detail, 'string');
  });
});

describe('deliveries', () => {
  it('sends a domain event, signed per Standard Webhooks, to the endpoints that asked for it only', async () => {
    const wanted = await register('/registrations');
    const other = await register('/completions', ['learning.course.completed']);
    const user = await createUser(lectern);

    const [delivery] = (await settled(wanted.id, 1)).filter((d) => d.payload.data['user_id'] === user.id);
    assert.ok(delivery, 'a delivery for the new user');
    assert.equal(delivery.status, 'succeeded');
    assert.equal(delivery.attempts, 1);
    assert.equal(delivery.response_status, 200);
    assert.equal(delivery.event_type, 'identity.user.registered');

    const requests = receiver.at('/registrations').filter((r) => r.headers['webhook-id'] === delivery.message_id);
    assert.equal(requests.length, 1);
    const [request] = requests;
    assert.equal(request!.error, undefined, 'the reference library verifies the signature');
    assert.equal(request!.verified!.type, 'identity.user.registered');
    assert.equal(request!.verified!.data['user_id'], user.id);
    assert.equal(request!.headers['content-type'], 'application/json');
    assert.match(request!.headers['webhook-signature']!, /^v1,[A-Za-z0-9+/]+=*$/);
    // The check above can fail: a changed body or another secret does not verify.
    assert.throws(() => new Webhook(wanted.secret).verify(request!.body.replace('student', 'admin'), request!.headers));
    assert.throws(() => new Webhook(other.secret).verify(request!.body, request!.headers));

    assert.equal(receiver.at('/completions').length, 0);
    assert.equal((await deliveries(other.id)).length, 0);
  });

  it('retries a failed attempt with the same webhook-id, and logs the answer', async () => {
    const endpoint = await register('/flaky');
    receiver.answer('/flaky', [500]);
    await createUser(lectern);
    const [delivery] = await settled(endpoint.id, 1);
    assert.equal(delivery!.status, 'succeeded');
    assert.equal(delivery!.attempts, 2);
    assert.equal(delivery!.response_status, 200);
    const requests = receiver.at('/flaky');
    assert.equal(requests.length, 2);
    assert.ok(requests.every((r) => r.headers['webhook-id'] === delivery!.message_id && r.error === undefined));
  });

  it('does not follow redirects', async () => {
    const endpoint = await register('/moved');
    receiver.redirect('/moved', receiver.url('/elsewhere'));
    await createUser(lectern);
    const [delivery] = await settled(endpoint.id, 1);
    assert.equal(delivery!.status, 'failed');
    assert.equal(delivery!.response_status, 302);
    assert.equal(receiver.at('/elsewhere').length, 0);
  });

  it('disables an endpoint after repeated failed deliveries; replay works once it is re-enabled', async () => {
    const endpoint = await register('/down');
    receiver.answer('/down', [503, 503, 503, 503]);
    await createUser(lectern);
    await createUser(lectern);
    const failed = await settled(endpoint.id, 2);
    assert.deepEqual(
      failed.map((d) => [d.status, d.attempts, d.response_status, d.last_error]),
      [
        ['failed', 2, 503, 'the receiver answered 503'],
        ['failed', 2, 503, 'the receiver answered 503'],
      ],
    );
    const disabled = await getWebhook(endpoint.id);
    assert.equal(disabled.enabled, false);
    assert.equal(disabled.consecutive_failures, 2);
    assert.equal(disabled.disabled_reason, 'disabled after 2 failed deliveries in a row');

    await createUser(lectern);
    await lectern.queue.settle();
    assert.equal((await deliveries(endpoint.id)).length, 2, 'a disabled endpoint gets no new deliveries');

    const replayUrl = `/api/v1/admin/webhook-deliveries/${failed[0]!.id}/replay`;
    const refused = await app.inject({ method: 'POST', url: replayUrl, headers: admin.auth });
    assert.equal(refused.statusCode, 409, refused.body);

    const enable = await app.inject({
      method: 'PATCH',
      url: `${BASE}/${endpoint.id}`,
      headers: admin.auth,
      payload: { enabled: true },
    });
    assert.equal(enable.json().enabled, true);
    assert.equal(enable.json().consecutive_failures, 0);
    const replay = await app.inject({ method: 'POST', url: replayUrl, headers: admin.auth });
    assert.equal(replay.statusCode, 202, replay.body);
    assert.equal(replay.json().replay_of, failed[0]!.id);
    assert.equal(replay.json().endpoint_id, endpoint.id);
    assert.equal(replay.json().status, 'pending');

    const after = await settled(endpoint.id, 3);
    const replayed = after.find((d) => d.id === replay.json().id)!;
    assert.equal(replayed.status, 'succeeded');
    assert.equal(replayed.message_id, failed[0]!.message_id, 'the same webhook-id as the original');
    const last = receiver.at('/down').at(-1)!;
    assert.equal(last.headers['webhook-id'], failed[0]!.message_id);
    assert.equal(last.error, undefined);

    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/webhook-deliveries/00000000-0000-4000-8000-000000000000/replay',
      headers: admin.auth,
    });
    assert.equal(unknown.statusCode, 404);
    const student = await app.inject({ method: 'POST', url: replayUrl, headers: studentA.auth });
    assert.equal(student.statusCode, 403);
  });
});

describe('which events are queued for webhooks', () => {
  /** Event jobs queued for the webhooks subscriber about this enrolment's lesson completions. */
  async function webhookJobs(enrollmentId: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pgboss.job where name = 'events.webhooks'
        and data->>'type' = 'learning.lesson.completed' and data->'data'->>'enrollment_id' = ${enrollmentId}`.execute(
      lectern.database.db,
    );
    return rows[0]!.n;
  }

  it('queues an event only while an enabled endpoint wants its type, from the first one after the endpoint exists', async () => {
    const course = await createCourse(lectern, owner, { publish: true, lessons: 3 });
    const enrolled = await app.inject({
      method: 'POST',
      url: '/api/v1/enrollments',
      headers: studentA.auth,
      payload: { course_id: course.id },
    });
    assert.equal(enrolled.statusCode, 201, enrolled.body);
    const enrollmentId = enrolled.json().id as string;
    const complete = async (lessonId: string) => {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/enrollments/${enrollmentId}/lessons/${lessonId}/complete`,
        headers: studentA.auth,
      });
      assert.equal(response.statusCode, 200, response.body);
    };
    const [first, second, third] = course.lessonIds as [string, string, string];

    await complete(first);
    await lectern.queue.settle();
    assert.equal(await webhookJobs(enrollmentId), 0, 'no endpoint wants lesson completions: nothing queued');

    const endpoint = await register('/lessons', ['learning.lesson.completed']);
    await complete(second);
    const [delivery, ...more] = await settled(endpoint.id, 1);
    assert.equal(more.length, 0);
    assert.equal(delivery!.status, 'succeeded');
    assert.equal(delivery!.payload.data['lesson_id'], second, 'the first completion after the endpoint was created');
    assert.equal(await webhookJobs(enrollmentId), 1);

    const disable = await app.inject({
      method: 'PATCH',
      url: `${BASE}/${endpoint.id}`,
      headers: admin.auth,
      payload: { enabled: false },
    });
    assert.equal(disable.statusCode, 200, disable.body);
    await complete(third);
    await lectern.queue.settle();
    assert.equal(await webhookJobs(enrollmentId), 1, 'a disabled endpoint wants nothing');
    assert.equal((await deliveries(endpoint.id)).length, 1);
  });
});
