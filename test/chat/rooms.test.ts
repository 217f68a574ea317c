// Course rooms follow the catalog and enrolment: made with the course and named after it,
// renamed with it; staff and actively enrolled students are members. Search, history and
// presence answer members only, in 003's error format.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import { eventually } from '../helpers/events.ts';
import { createCast } from '../helpers/factories.ts';
import { connect, listen } from './chat-client.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern);
const course = await createCourse(lectern, owner, { publish: true, title: 'Quantum Basket Weaving' });
const enroll = await lectern.app.inject({
  method: 'POST',
  url: `/api/v1/courses/${course.id}/enroll`,
  headers: studentA.auth,
});
assert.equal(enroll.statusCode, 201, enroll.body);
await lectern.queue.settle();
const base = await listen(lectern);

const search = (auth: Record<string, string> | undefined, q: string) =>
  lectern.app.inject({ method: 'GET', url: `/api/chats/search?q=${encodeURIComponent(q)}`, headers: auth ?? {} });
const history = (auth: Record<string, string> | undefined, roomId: string, query = '') =>
  lectern.app.inject({ method: 'GET', url: `/api/chats/${roomId}/messages${query}`, headers: auth ?? {} });

describe('course rooms', () => {
  it('are found by any word of the course title, by members and staff only', async () => {
    const found = await search(studentA.auth, 'basket');
    assert.equal(found.statusCode, 200);
    const chats = found.json().chats as Record<string, unknown>[];
    assert.equal(chats.length, 1);
    assert.deepEqual(chats[0], {
      id: course.id,
      name: 'Quantum Basket Weaving',
      description: 'About Quantum Basket Weaving',
      member_count: 2,
      last_activity: null,
    });
    assert.equal((await search(owner.auth, 'QUANTUM')).json().chats.length, 1);
    assert.equal((await search(admin.auth, 'weaving')).json().chats.length, 1);
    assert.equal((await search(studentB.auth, 'basket')).json().chats.length, 0);
    assert.equal((await search(otherInstructor.auth, 'basket')).json().chats.length, 0);
    const anonymous = await search(undefined, 'basket');
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json().error.code, 'INVALID_TOKEN');
    const empty = await search(studentA.auth, '');
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.json().error.request_id);
  });

  it('follow the course title and description', async () => {
    const renamed = await lectern.app.inject({
      method: 'PATCH',
      url: `/api/v1/courses/${course.id}`,
      headers: owner.auth,
      payload: { title: 'Quantum Pottery', description: 'Clay in superposition' },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    await lectern.queue.settle();
    const chats = (await search(studentA.auth, 'superposition')).json().chats;
    assert.equal(chats[0].name, 'Quantum Pottery');
    assert.equal((await search(studentA.auth, 'basket')).json().chats.length, 0);
  });

  it('serve history to members only, newest page first, oldest first within a page', async () => {
    const socket = await connect(base.ws, studentA.accessToken, course.id);
    for (const content of ['one', 'two', 'three']) {
      socket.send({ type: 'message', content, timestamp: new Date().toISOString() });
      await socket.next((frame) => frame.type === 'message' && frame.content === content);
    }
    await socket.close();
    const page = await history(studentA.auth, course.id, '?limit=2&offset=0');
    assert.equal(page.statusCode, 200);
    const body = page.json();
    assert.equal(body.total, 3);
    assert.equal(body.has_more, true);
    assert.deepEqual(
      body.messages.map((m: { content: string }) => m.content),
      ['two', 'three'],
    );
    assert.equal(body.messages[0].user_id, studentA.id);
    assert.equal(body.messages[0].username, 'Test User');
    assert.equal(body.messages[0].reply_to, null);
    const rest = (await history(studentA.auth, course.id, '?limit=2&offset=2')).json();
    assert.deepEqual(
      rest.messages.map((m: { content: string }) => m.content),
      ['one'],
    );
    assert.equal(rest.has_more, false);
    assert.equal((await history(owner.auth, course.id)).statusCode, 200);
    assert.equal((await history(admin.auth, course.id)).statusCode, 200);
    const outsider = await history(studentB.auth, course.id);
    assert.equal(outsider.statusCode, 404);
    assert.equal(outsider.json().error.code, 'RESOURCE_NOT_FOUND');
    assert.equal((await history(otherInstructor.auth, course.id)).statusCode, 404);
    assert.equal((await history(undefined, course.id)).statusCode, 401);
    assert.equal((await history(studentA.auth, 'not-a-room')).statusCode, 404);
    assert.equal((await history(studentA.auth, course.id, '?limit=101')).statusCode, 400);
    const activity = (await search(studentA.auth, 'pottery')).json().chats[0].last_activity;
    assert.ok(activity);
  });

  it('gain a student on enrolment and lose them on cancellation', async () => {
    const enrolled = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/courses/${course.id}/enroll`,
      headers: studentB.auth,
    });
    assert.equal(enrolled.statusCode, 201);
    await lectern.queue.settle();
    assert.equal((await history(studentB.auth, course.id)).statusCode, 200);
    const socket = await connect(base.ws, studentB.accessToken, course.id);
    await socket.next((frame) => frame.type === 'user_joined' && frame.user_id === studentB.id);
    const cancelled = await lectern.app.inject({
      method: 'DELETE',
      url: `/api/v1/enrollments/${enrolled.json().id}`,
      headers: studentB.auth,
    });
    assert.ok(cancelled.statusCode < 300, cancelled.body);
    await lectern.queue.settle();
    const closed = await socket.closed;
    assert.equal(closed.code, 4003);
    assert.equal((await history(studentB.auth, course.id)).statusCode, 404);
    assert.equal((await search(studentB.auth, 'pottery')).json().chats.length, 0);
  });
});

describe('presence', () => {
  const presence = (auth: Record<string, string> | undefined, userId: string) =>
    lectern.app.inject({ method: 'GET', url: `/api/chats/presence/${userId}`, headers: auth ?? {} });

  it('is online while a socket is open, and visible only to users sharing a room', async () => {
    const before = await presence(owner.auth, studentA.id);
    assert.equal(before.statusCode, 200);
    assert.equal(before.json().online, false);
    const socket = await connect(base.ws, studentA.accessToken, course.id);
    const online = (await presence(owner.auth, studentA.id)).json();
    assert.equal(online.online, true);
    assert.ok(online.last_seen);
    assert.equal((await presence(studentB.auth, studentA.id)).statusCode, 404);
    assert.equal((await presence(otherInstructor.auth, studentA.id)).statusCode, 404);
    assert.equal((await presence(admin.auth, studentA.id)).statusCode, 200);
    assert.equal((await presence(studentA.auth, studentA.id)).statusCode, 200);
    assert.equal((await presence(undefined, studentA.id)).statusCode, 401);
    assert.equal((await presence(owner.auth, 'nobody')).statusCode, 404);
    await socket.close();
    // The server handles the close a moment after the client sees it.
    await eventually(async () => (await presence(owner.auth, studentA.id)).json().online === false);
    const offline = (await presence(owner.auth, studentA.id)).json();
    assert.ok(offline.last_seen);
  });
});
