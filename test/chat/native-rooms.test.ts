// Native chat endpoints through HTTP and real sockets: group rooms managed by their owner (a
// removed member's socket closes), direct rooms (one per pair), my rooms, cursor paging and
// search of messages, and files shared in a room (signed links for members only), with the
// authorization matrix in the native error format.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { followSigned, multipart, PDF_BYTES } from '../files/support.ts';
import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast, createUser } from '../helpers/factories.ts';
import { connect, listen } from './chat-client.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern);
const studentC = await createUser(lectern);
const base = await listen(lectern);

type Auth = Record<string, string> | undefined;
const call = (method: 'GET' | 'POST' | 'DELETE', url: string, auth: Auth, payload?: unknown) =>
  lectern.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: auth ?? {},
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });

async function groupRoom(creator: TestUser, members: TestUser[], name = 'Study group') {
  const created = await call('POST', '/chat/rooms', creator.auth, { name, member_ids: members.map((m) => m.id) });
  assert.equal(created.statusCode, 201, created.body);
  return created.json() as { id: string; member_count: number };
}

/** Sends over a socket and waits for the stored message's frame. */
async function say(socket: Awaited<ReturnType<typeof connect>>, content: string, extra: Record<string, unknown> = {}) {
  socket.send({ type: 'message', content, timestamp: new Date().toISOString(), ...extra });
  return socket.next((frame) => frame.type === 'message' && frame.content === content);
}

describe('group rooms', () => {
  it('are created by any user, who owns them; only members see them', async () => {
    const created = await call('POST', '/chat/rooms', studentA.auth, {
      name: '  Exam prep ',
      description: 'Weekly',
      member_ids: [studentB.id, studentA.id],
    });
    assert.equal(created.statusCode, 201, created.body);
    const room = created.json();
    assert.equal(created.headers.location, `/api/v1/chat/rooms/${room.id}`);
    assert.equal(room.kind, 'group');
    assert.equal(room.name, 'Exam prep');
    assert.equal(room.description, 'Weekly');
    assert.equal(room.owner_id, studentA.id);
    assert.equal(room.member_count, 2);
    assert.equal(room.course_id, null);

    for (const reader of [studentA, studentB, admin]) {
      const got = await call('GET', `/chat/rooms/${room.id}`, reader.auth);
      assert.equal(got.statusCode, 200, got.body);
      assert.deepEqual(got.json(), room);
    }
    for (const outsider of [studentC, otherInstructor]) {
      const got = await call('GET', `/chat/rooms/${room.id}`, outsider.auth);
      assert.equal(got.statusCode, 404);
      assert.equal(typeof got.json().detail, 'string');
      assert.equal((await call('GET', `/chat/rooms/${room.id}/members`, outsider.auth)).statusCode, 404);
      assert.equal((await call('GET', `/chat/rooms/${room.id}/messages`, outsider.auth)).statusCode, 404);
    }
    const anonymous = await call('GET', `/chat/rooms/${room.id}`, undefined);
    assert.equal(anonymous.statusCode, 401);
    assert.equal(typeof anonymous.json().detail, 'string');

    const members = await call('GET', `/chat/rooms/${room.id}/members`, studentB.auth);
    assert.equal(members.statusCode, 200);
    assert.deepEqual(
      members
        .json()
        .map((m: { user_id: string; role: string }) => [m.user_id, m.role])
        .sort(),
      [
        [studentA.id, 'owner'],
        [studentB.id, 'member'],
      ].sort(),
    );
  });

  it('refuse bad input with 422 and unknown users with 404', async () => {
    const empty = await call('POST', '/chat/rooms', studentA.auth, { name: '   ' });
    assert.equal(empty.statusCode, 422);
    assert.deepEqual(empty.json().detail[0].loc, ['body', 'name']);
    assert.equal((await call('POST', '/chat/rooms', studentA.auth, { member_ids: [] })).statusCode, 422);
    assert.equal(
      (await call('POST', '/chat/rooms', studentA.auth, { name: 'x', member_ids: ['nope'] })).statusCode,
      422,
    );
    const ghost = await call('POST', '/chat/rooms', studentA.auth, {
      name: 'x',
      member_ids: ['00000000-0000-4000-8000-000000000000'],
    });
    assert.equal(ghost.statusCode, 404);
    assert.equal((await call('GET', '/chat/rooms/not-a-uuid', studentA.auth)).statusCode, 422);
    assert.equal((await call('GET', '/chat/rooms/00000000-0000-4000-8000-000000000000', admin.auth)).statusCode, 404);
    assert.equal((await call('POST', '/chat/rooms', undefined, { name: 'x' })).statusCode, 401);
  });

  it('have members managed by the owner (and admins) only; a removed member’s socket closes', async () => {
    const room = await groupRoom(studentA, [studentB]);
    // A member who does not own the room may not manage it; an outsider does not see it.
    const byMember = await call('POST', `/chat/rooms/${room.id}/members`, studentB.auth, { user_id: studentC.id });
    assert.equal(byMember.statusCode, 403);
    assert.equal(typeof byMember.json().detail, 'string');
    assert.equal(
      (await call('POST', `/chat/rooms/${room.id}/members`, studentC.auth, { user_id: studentC.id })).statusCode,
      404,
    );
    assert.equal(
      (await call('POST', `/chat/rooms/${room.id}/members`, otherInstructor.auth, { user_id: studentC.id })).statusCode,
      404,
    );
    assert.equal(
      (await call('DELETE', `/chat/rooms/${room.id}/members/${studentA.id}`, studentB.auth)).statusCode,
      403,
    );

    const added = await call('POST', `/chat/rooms/${room.id}/members`, studentA.auth, { user_id: studentC.id });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(added.json().length, 3);
    const again = await call('POST', `/chat/rooms/${room.id}/members`, studentA.auth, { user_id: studentC.id });
    assert.equal(again.json().length, 3);
    assert.equal((await call('GET', `/chat/rooms/${room.id}`, studentC.auth)).statusCode, 200);

    const socket = await connect(base.ws, studentC.accessToken, room.id);
    await socket.next((frame) => frame.type === 'user_joined' && frame.user_id === studentC.id);
    const removed = await call('DELETE', `/chat/rooms/${room.id}/members/${studentC.id}`, studentA.auth);
    assert.equal(removed.statusCode, 204);
    assert.equal((await socket.closed).code, 4003);
    assert.equal((await call('GET', `/chat/rooms/${room.id}`, studentC.auth)).statusCode, 404);
    assert.equal(
      (await call('DELETE', `/chat/rooms/${room.id}/members/${studentC.id}`, studentA.auth)).statusCode,
      404,
    );

    // Admins manage any group room; the owner cannot be removed by others; members may leave.
    const byAdmin = await call('POST', `/chat/rooms/${room.id}/members`, admin.auth, { user_id: studentC.id });
    assert.equal(byAdmin.statusCode, 200);
    assert.equal((await call('DELETE', `/chat/rooms/${room.id}/members/${studentA.id}`, admin.auth)).statusCode, 403);
    assert.equal(
      (await call('DELETE', `/chat/rooms/${room.id}/members/${studentB.id}`, studentB.auth)).statusCode,
      204,
    );
    assert.equal((await call('GET', `/chat/rooms/${room.id}`, studentB.auth)).statusCode, 404);
  });

  it('course rooms keep the course’s members (409)', async () => {
    const course = await createCourse(lectern, owner, { publish: true });
    await lectern.queue.settle();
    const refused = await call('POST', `/chat/rooms/${course.id}/members`, owner.auth, { user_id: studentC.id });
    assert.equal(refused.statusCode, 409);
    assert.equal((await call('GET', `/chat/rooms/${course.id}`, owner.auth)).json().kind, 'course');
  });
});

describe('direct rooms', () => {
  it('are one per pair, whichever of the two opens it', async () => {
    const first = await call('POST', '/chat/direct', studentA.auth, { user_id: studentB.id });
    assert.equal(first.statusCode, 201, first.body);
    const room = first.json();
    assert.equal(first.headers.location, `/api/v1/chat/rooms/${room.id}`);
    assert.equal(room.kind, 'direct');
    assert.equal(room.member_count, 2);
    const again = await call('POST', '/chat/direct', studentA.auth, { user_id: studentB.id });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, room.id);
    const reverse = await call('POST', '/chat/direct', studentB.auth, { user_id: studentA.id });
    assert.equal(reverse.statusCode, 200);
    assert.equal(reverse.json().id, room.id);
    const other = await call('POST', '/chat/direct', studentA.auth, { user_id: studentC.id });
    assert.equal(other.statusCode, 201);
    assert.notEqual(other.json().id, room.id);

    // Both of a pair opening at the same moment get one room.
    const [mine, theirs] = await Promise.all([
      call('POST', '/chat/direct', studentB.auth, { user_id: studentC.id }),
      call('POST', '/chat/direct', studentC.auth, { user_id: studentB.id }),
    ]);
    assert.equal(mine.json().id, theirs.json().id);
    assert.deepEqual([mine.statusCode, theirs.statusCode].sort(), [200, 201]);

    assert.equal((await call('POST', '/chat/direct', studentA.auth, { user_id: studentA.id })).statusCode, 422);
    assert.equal(
      (await call('POST', '/chat/direct', studentA.auth, { user_id: '00000000-0000-4000-8000-000000000000' }))
        .statusCode,
      404,
    );
    assert.equal((await call('GET', `/chat/rooms/${room.id}`, studentC.auth)).statusCode, 404);
    assert.equal(
      (await call('POST', `/chat/rooms/${room.id}/members`, studentA.auth, { user_id: studentC.id })).statusCode,
      409,
    );
  });
});

describe('my rooms', () => {
  it('lists the rooms the caller belongs to, most recently active first, as a page', async () => {
    const user = await createUser(lectern);
    const quiet = await groupRoom(user, [], 'Quiet room');
    const busy = await groupRoom(user, [studentA], 'Busy room');
    await groupRoom(studentA, [studentB], 'Not mine');
    lectern.clock.advance(1000); // the rooms were made at one instant of the test clock
    const socket = await connect(base.ws, user.accessToken, busy.id);
    await say(socket, 'hello');
    await socket.close();

    const listed = await call('GET', '/chat/rooms?page=1&page_size=10', user.auth);
    assert.equal(listed.statusCode, 200);
    const body = listed.json();
    assert.equal(body.total, 2);
    assert.deepEqual(
      body.items.map((r: { id: string }) => r.id),
      [busy.id, quiet.id],
    );
    assert.ok(body.items[0].last_activity);
    const second = (await call('GET', '/chat/rooms?page=2&page_size=1', user.auth)).json();
    assert.deepEqual(
      second.items.map((r: { id: string }) => r.id),
      [quiet.id],
    );
    assert.match(String((await call('GET', '/chat/rooms?page=1&page_size=1', user.auth)).headers.link), /rel="next"/);
    assert.equal((await call('GET', '/chat/rooms', undefined)).statusCode, 401);
  });
});

describe('messages', () => {
  it('page by cursor in a stable order and search within the room', async () => {
    const room = await groupRoom(studentA, [studentB], 'Paging');
    const socket = await connect(base.ws, studentA.accessToken, room.id);
    const sent: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const frame = await say(socket, i % 2 === 0 ? `even ${i} apple` : `odd ${i}`);
      sent.push(frame.id as string);
    }
    await socket.close();
    const page = async (query: string, auth: Auth = studentB.auth) => {
      const response = await call('GET', `/chat/rooms/${room.id}/messages${query}`, auth);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json() as { items: { id: string; content: string }[]; has_more: boolean };
      return { ids: body.items.map((m) => m.id), has_more: body.has_more, items: body.items };
    };

    const newest = await page('?limit=3');
    assert.deepEqual(newest.ids, sent.slice(4, 7));
    assert.equal(newest.has_more, true);
    const older = await page(`?limit=3&before=${newest.ids[0]}`);
    assert.deepEqual(older.ids, sent.slice(1, 4));
    const oldest = await page(`?limit=3&before=${older.ids[0]}`);
    assert.deepEqual(oldest.ids, sent.slice(0, 1));
    assert.equal(oldest.has_more, false);

    const forward = await page(`?limit=4&after=${sent[0]}`);
    assert.deepEqual(forward.ids, sent.slice(1, 5));
    assert.equal(forward.has_more, true);
    const caughtUp = await page(`?limit=4&after=${forward.ids[3]}`);
    assert.deepEqual(caughtUp.ids, sent.slice(5, 7));
    assert.equal(caughtUp.has_more, false);

    const found = await page('?q=APPLE%20even&limit=2');
    assert.deepEqual(found.ids, [sent[3], sent[5]]);
    assert.equal(found.has_more, true);
    assert.deepEqual((await page(`?q=apple&before=${sent[3]}`)).ids, [sent[1]]);
    assert.deepEqual((await page('?q=100%25')).ids, []);

    assert.equal((await call('GET', `/chat/rooms/${room.id}/messages?before=nope`, studentB.auth)).statusCode, 422);
    assert.equal((await call('GET', `/chat/rooms/${room.id}/messages?limit=101`, studentB.auth)).statusCode, 422);
    const foreignCursor = await call(
      'GET',
      `/chat/rooms/${room.id}/messages?before=00000000-0000-4000-8000-000000000000`,
      studentB.auth,
    );
    assert.equal(foreignCursor.statusCode, 404);
    assert.equal((await call('GET', `/chat/rooms/${room.id}/messages`, studentC.auth)).statusCode, 404);
    assert.equal((await call('GET', `/chat/rooms/${room.id}/messages`, admin.auth)).statusCode, 200);
  });
});

describe('attachments', () => {
  async function upload(user: TestUser, name: string) {
    const body = multipart('file', name, PDF_BYTES);
    const response = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/files/upload',
      headers: { ...user.auth, ...body.headers },
      payload: body.payload,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json().id as string;
  }

  it('carry the file’s metadata on the message; members download by a signed link, others get 404', async () => {
    const room = await groupRoom(studentA, [studentB], 'Files');
    const fileId = await upload(studentA, 'notes.pdf');
    const listener = await connect(base.ws, studentB.accessToken, room.id);
    const sender = await connect(base.ws, studentA.accessToken, room.id);
    sender.send({ type: 'message', content: '', attachments: [fileId] });
    const frame = await listener.next((f) => f.type === 'message' && f.user_id === studentA.id);
    const expected = [
      { file_id: fileId, name: 'notes.pdf', content_type: 'application/pdf', size_bytes: PDF_BYTES.length },
    ];
    assert.deepEqual(frame.attachments, expected);
    assert.equal(frame.content, '');

    const history = (await call('GET', `/chat/rooms/${room.id}/messages`, studentB.auth)).json();
    assert.deepEqual(history.items.at(-1).attachments, expected);
    const services = await lectern.app.inject({
      method: 'GET',
      url: `/api/chats/${room.id}/messages`,
      headers: studentB.auth,
    });
    assert.deepEqual(services.json().messages.at(-1).attachments, expected);

    const download = await call('GET', `/chat/rooms/${room.id}/attachments/${fileId}`, studentB.auth);
    assert.equal(download.statusCode, 302);
    const fetched = await followSigned(lectern, download.headers.location as string);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, PDF_BYTES);
    assert.equal((await call('GET', `/chat/rooms/${room.id}/attachments/${fileId}`, admin.auth)).statusCode, 302);
    for (const outsider of [studentC, otherInstructor]) {
      const refused = await call('GET', `/chat/rooms/${room.id}/attachments/${fileId}`, outsider.auth);
      assert.equal(refused.statusCode, 404);
    }
    assert.equal((await call('GET', `/chat/rooms/${room.id}/attachments/${fileId}`, undefined)).statusCode, 401);
    // The file is only reachable through rooms it was shared in.
    const elsewhere = await groupRoom(studentB, [], 'Elsewhere');
    assert.equal(
      (await call('GET', `/chat/rooms/${elsewhere.id}/attachments/${fileId}`, studentB.auth)).statusCode,
      404,
    );
    // Files of the room's members stay private until shared.
    const unshared = await upload(studentA, 'draft.pdf');
    assert.equal((await call('GET', `/chat/rooms/${room.id}/attachments/${unshared}`, studentB.auth)).statusCode, 404);

    // Only one's own files can be attached; an error frame, nothing stored.
    listener.send({ type: 'message', content: 'steal', attachments: [unshared] });
    const error = await listener.next((f) => f.type === 'error');
    assert.equal(error.code, 'FILES_NOT_FOUND');
    listener.send({ type: 'message', content: 'bad', attachments: 'x' });
    assert.equal((await listener.next((f) => f.type === 'error')).code, 'CHAT_INVALID_MESSAGE');
    assert.equal((await call('GET', `/chat/rooms/${room.id}/messages?q=steal`, studentB.auth)).json().items.length, 0);
    await listener.close();
    await sender.close();
  });
});
