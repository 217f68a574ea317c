// The in-app feed on the native surface: a user's own notifications, unread count, mark read and
// read-all (another user's answers 404), and new ones pushed live to the user's open SSE stream.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { notifyClient } from './support.ts';

const lectern = await startTestApp();
const { app } = lectern;
const { admin, studentA, studentB, otherInstructor } = await createCast(lectern);
const notify = notifyClient(lectern);

const feed = (headers: Record<string, string>, query = '') =>
  app.inject({ method: 'GET', url: `/api/v1/notifications${query}`, headers });

async function sendTo(userId: string, title: string) {
  const response = await notify.send(
    { channel: 'push', recipient: userId, template: 'course_enrolled', data: { course_title: title } },
    admin.auth,
  );
  assert.equal(response.statusCode, 202, response.body);
  return response.json().id as string;
}

describe('in-app feed', () => {
  it('lists the caller’s notifications newest first with the unread count; marks one and all read', async () => {
    const first = await sendTo(studentA.id, 'Algebra');
    lectern.clock.advance(1000);
    const second = await sendTo(studentA.id, 'Biology');
    await sendTo(studentB.id, 'Chemistry');
    const list = await feed(studentA.auth);
    assert.equal(list.statusCode, 200);
    const body = list.json();
    assert.equal(body.total, 2);
    assert.equal(body.unread_count, 2);
    assert.deepEqual(
      body.items.map((n: { id: string }) => n.id),
      [second, first],
    );
    assert.equal(body.items[0].title, 'Enrolled in Biology');
    assert.equal(body.items[0].body, 'You are now enrolled in Biology.');
    assert.equal(body.items[0].read, false);

    const read = await app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${first}/read`,
      headers: studentA.auth,
    });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().read, true);
    const count = await app.inject({
      method: 'GET',
      url: '/api/v1/notifications/unread-count',
      headers: studentA.auth,
    });
    assert.deepEqual(count.json(), { unread_count: 1 });
    assert.equal((await feed(studentA.auth, '?unread_only=true')).json().total, 1);

    const all = await app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: studentA.auth });
    assert.deepEqual(all.json(), { updated: 1 });
    assert.equal((await feed(studentA.auth)).json().unread_count, 0);
    assert.equal((await feed(studentB.auth)).json().unread_count, 1, 'B’s are untouched');
  });

  it('answers 404 for another user’s notification (students, instructors and admins alike), 401 anonymous', async () => {
    const id = await sendTo(studentB.id, 'Drama');
    for (const user of [studentA, otherInstructor, admin]) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/notifications/${id}/read`,
        headers: user.auth,
      });
      assert.equal(response.statusCode, 404);
      assert.equal(typeof response.json().detail, 'string');
    }
    assert.equal((await feed({})).statusCode, 401);
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/notifications/${id}/read` })).statusCode, 401);
    const notUuid = await app.inject({ method: 'POST', url: '/api/v1/notifications/abc/read', headers: studentB.auth });
    assert.equal(notUuid.statusCode, 422);
  });

  it('pushes a new notification to the user’s open SSE stream', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/notifications/stream`, {
      headers: studentB.auth,
      signal: controller.signal,
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const next = async (event: string) => {
      for (;;) {
        const match = new RegExp(`event: ${event}\\ndata: (.*)\\n\\n`).exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return JSON.parse(match[1]!) as Record<string, unknown>;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    await next('ready');
    await sendTo(studentA.id, 'Not for B');
    const id = await sendTo(studentB.id, 'Economics');
    const live = await next('notification');
    assert.equal(live['id'], id, 'only B’s own notification arrives');
    assert.equal(live['title'], 'Enrolled in Economics');
    controller.abort();
  });
});
