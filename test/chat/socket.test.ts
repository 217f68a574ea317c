// The chat WebSocket through real sockets: refused before the upgrade (401, 403) in 003's format,
// the token by query or subprotocol and never logged, messages stored before they are fanned
// out, join/leave, typing, reactions, edits and deletions, the per-user message limit (an error
// frame, the socket kept), and sockets closed when the session ends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import WebSocket from 'ws';

import { createLogger } from '../../src/http/log.ts';
import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import { createCast, createUser } from '../helpers/factories.ts';
import { connect, listen, refusedUpgrade, wrap } from './chat-client.ts';

const logged: string[] = [];
const lectern = await startTestApp(
  { RATE_LIMIT_CHAT_PER_MINUTE: '8', CHAT_HEARTBEAT_SECONDS: '1', LOG_LEVEL: 'info' },
  { logger: createLogger('info', { write: (line: string) => void logged.push(line) }) },
);
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern, {
  studentAName: 'Ada Lovelace',
});
const course = await createCourse(lectern, owner, { publish: true });
for (const student of [studentA]) {
  const enrolled = await lectern.app.inject({
    method: 'POST',
    url: `/api/v1/courses/${course.id}/enroll`,
    headers: student.auth,
  });
  assert.equal(enrolled.statusCode, 201);
}
await lectern.queue.settle();
const base = await listen(lectern);
const wsUrl = (token: string, roomId = course.id) => `${base.ws}/ws?token=${token}&roomId=${roomId}`;

describe('upgrade', () => {
  it('answers 401 for a missing or invalid token and 403 for a room the caller may not use, before upgrading', async () => {
    const invalid = await refusedUpgrade(wsUrl('forged-token'));
    assert.equal(invalid.status, 401);
    assert.equal((invalid.body as { error: { code: string } }).error.code, 'INVALID_TOKEN');
    assert.equal((await refusedUpgrade(`${base.ws}/ws?roomId=${course.id}`)).status, 401);
    const outsider = await refusedUpgrade(wsUrl(studentB.accessToken));
    assert.equal(outsider.status, 403);
    assert.equal((outsider.body as { error: { code: string } }).error.code, 'INSUFFICIENT_PERMISSIONS');
    assert.equal((await refusedUpgrade(wsUrl(otherInstructor.accessToken))).status, 403);
    assert.equal((await refusedUpgrade(wsUrl(studentA.accessToken, 'room123'))).status, 403);
    assert.equal(
      (await refusedUpgrade(wsUrl(studentA.accessToken, '00000000-0000-4000-8000-000000000000'))).status,
      403,
    );
    assert.equal((await refusedUpgrade(`${base.ws}/ws?token=${studentA.accessToken}`)).status, 400);
    for (const member of [owner, admin, studentA]) {
      const socket = await connect(base.ws, member.accessToken, course.id);
      await socket.close();
    }
  });

  it('takes the token as the bearer subprotocol and answers with that subprotocol', async () => {
    const ws = new WebSocket(`${base.ws}/ws?roomId=${course.id}`, ['bearer', studentA.accessToken]);
    const socket = wrap(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    assert.equal(ws.protocol, 'bearer');
    await socket.next((frame) => frame.type === 'user_joined' && frame.user_id === studentA.id);
    await socket.close();
    assert.equal(
      (await refusedUpgrade(`${base.ws}/ws?roomId=${course.id}`, { protocols: ['bearer', 'nope'] })).status,
      401,
    );
  });

  it('never logs the token', () => {
    const text = logged.join('\n');
    assert.ok(text.includes('/ws?token=[redacted]'), 'the upgrade is logged, redacted');
    assert.ok(!text.includes(studentA.accessToken));
    assert.ok(!text.includes(owner.accessToken));
  });
});

describe('messages', () => {
  it('are stored, then fanned out to every member with 003’s fields', async () => {
    const sender = await connect(base.ws, studentA.accessToken, course.id);
    const staff = await connect(base.ws, owner.accessToken, course.id);
    const joined = await sender.next((frame) => frame.type === 'user_joined' && frame.user_id === owner.id);
    assert.equal(typeof joined.username, 'string');
    assert.ok(Date.parse(joined.timestamp as string));
    sender.send({ type: 'message', content: '  Hello, World!  ', timestamp: '2000-01-01T00:00:00Z', reply_to: null });
    const received = await staff.next((frame) => frame.type === 'message');
    assert.deepEqual(Object.keys(received).sort(), [
      'attachments',
      'content',
      'edited_at',
      'id',
      'reply_to',
      'timestamp',
      'type',
      'user_id',
      'username',
    ]);
    assert.equal(received.user_id, studentA.id);
    assert.equal(received.username, 'Ada Lovelace');
    assert.equal(received.content, 'Hello, World!');
    assert.equal(received.reply_to, null);
    assert.notEqual(received.timestamp, '2000-01-01T00:00:00Z', 'server time, not the client’s');
    const echoed = await sender.next((frame) => frame.type === 'message');
    assert.equal(echoed.id, received.id);
    const stored = await lectern.app.inject({
      method: 'GET',
      url: `/api/chats/${course.id}/messages`,
      headers: owner.auth,
    });
    assert.ok(stored.json().messages.some((m: { id: string }) => m.id === received.id));

    staff.send({ type: 'message', content: 'Welcome', reply_to: received.id });
    const reply = await sender.next((frame) => frame.type === 'message' && frame.content === 'Welcome');
    assert.equal(reply.reply_to, received.id);

    sender.send({ type: 'message', content: '' });
    const empty = await sender.next((frame) => frame.type === 'error');
    assert.equal(empty.code, 'CHAT_INVALID_MESSAGE');
    sender.send({ type: 'message', content: 'x'.repeat(4001) });
    assert.equal((await sender.next((frame) => frame.type === 'error')).code, 'CHAT_INVALID_MESSAGE');
    sender.send({ type: 'message', content: 'hi', reply_to: '00000000-0000-4000-8000-000000000000' });
    assert.equal((await sender.next((frame) => frame.type === 'error')).code, 'CHAT_MESSAGE_NOT_FOUND');
    sender.ws.send('not json');
    assert.equal((await sender.next((frame) => frame.type === 'error')).code, 'INVALID_FRAME');
    sender.send({ type: 'shout' });
    assert.equal((await sender.next((frame) => frame.type === 'error')).code, 'UNKNOWN_TYPE');

    await staff.close();
    const left = await sender.next((frame) => frame.type === 'user_left' && frame.user_id === owner.id);
    assert.ok(left.timestamp);
    await sender.close();
  });

  it('carry typing, reactions, edits and deletions', async () => {
    const author = await connect(base.ws, studentA.accessToken, course.id);
    const staff = await connect(base.ws, owner.accessToken, course.id);
    author.send({ type: 'typing' });
    const typing = await staff.next((frame) => frame.type === 'typing');
    assert.equal(typing.user_id, studentA.id);
    author.send({ type: 'message', content: 'first draft' });
    const message = await staff.next((frame) => frame.type === 'message' && frame.content === 'first draft');

    staff.send({ type: 'reaction', message_id: message.id, emoji: '👍' });
    const reaction = await author.next((frame) => frame.type === 'reaction');
    assert.deepEqual(
      { message_id: reaction.message_id, user_id: reaction.user_id, emoji: reaction.emoji, action: reaction.action },
      { message_id: message.id, user_id: owner.id, emoji: '👍', action: 'add' },
    );
    const page = await lectern.app.inject({
      method: 'GET',
      url: `/api/chats/${course.id}/messages?limit=1`,
      headers: studentA.auth,
    });
    assert.deepEqual(page.json().messages[0].reactions, [{ emoji: '👍', count: 1, user_ids: [owner.id] }]);
    staff.send({ type: 'reaction', message_id: message.id, emoji: '👍', action: 'remove' });
    assert.equal((await author.next((frame) => frame.type === 'reaction')).action, 'remove');

    staff.send({ type: 'edit', message_id: message.id, content: 'hijacked' });
    assert.equal((await staff.next((frame) => frame.type === 'error')).code, 'CHAT_NOT_YOUR_MESSAGE');
    author.send({ type: 'edit', message_id: message.id, content: 'final text' });
    const edited = await staff.next((frame) => frame.type === 'message_edited');
    assert.equal(edited.content, 'final text');
    assert.ok(edited.edited_at);

    author.send({ type: 'message', content: 'to be moderated' });
    const moderated = await staff.next((frame) => frame.type === 'message' && frame.content === 'to be moderated');
    staff.send({ type: 'delete', message_id: moderated.id });
    assert.equal((await author.next((frame) => frame.type === 'message_deleted')).id, moderated.id);
    const after = await lectern.app.inject({
      method: 'GET',
      url: `/api/chats/${course.id}/messages`,
      headers: studentA.auth,
    });
    const ids = after.json().messages.map((m: { id: string }) => m.id);
    assert.ok(!ids.includes(moderated.id));
    assert.ok(ids.includes(message.id));
    await staff.close();
    await author.close();
  });

  it('are limited per user and minute with an error frame, the socket kept open', async () => {
    const limited = await createUser(lectern);
    await lectern.app.inject({ method: 'POST', url: `/api/v1/courses/${course.id}/enroll`, headers: limited.auth });
    await lectern.queue.settle();
    const socket = await connect(base.ws, limited.accessToken, course.id);
    for (let i = 0; i < 9; i++) socket.send({ type: 'message', content: `burst ${i}` });
    const error = await socket.next((frame) => frame.type === 'error');
    assert.equal(error.code, 'RATE_LIMIT_EXCEEDED');
    assert.ok(Number(error.retry_after) >= 1);
    let delivered = 0;
    for (let i = 0; i < 8; i++)
      if (await socket.next((frame) => frame.type === 'message' && frame.user_id === limited.id)) delivered++;
    assert.equal(delivered, 8);
    assert.equal(socket.ws.readyState, WebSocket.OPEN);
    await socket.close();
  });
});

describe('sessions', () => {
  it('closes the socket once the session is revoked (at the next heartbeat)', async () => {
    const leaving = await createUser(lectern);
    await lectern.app.inject({ method: 'POST', url: `/api/v1/courses/${course.id}/enroll`, headers: leaving.auth });
    await lectern.queue.settle();
    const socket = await connect(base.ws, leaving.accessToken, course.id);
    const logout = await lectern.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: leaving.auth });
    assert.ok(logout.statusCode < 300, logout.body);
    const closed = await socket.closed;
    assert.equal(closed.code, 4001);
  });
});
