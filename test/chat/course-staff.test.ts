// A course room follows the course's staff: a co-instructor added to the course joins the room
// (search, member count, sockets) and one removed leaves it, their sockets closed with 4003 —
// through the catalog's staff-change event, without any other course change. An owner handed
// over by an admin arrives with `catalog.course.updated`, which re-reads the staff the same way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import { createCast } from '../helpers/factories.ts';
import { connect, listen } from './chat-client.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, studentA } = await createCast(lectern);
const course = await createCourse(lectern, owner, { publish: true, title: 'Staffing Theory' });
await lectern.queue.settle();
const base = await listen(lectern);

const search = async (auth: Record<string, string>) =>
  (await lectern.app.inject({ method: 'GET', url: '/api/chats/search?q=staffing', headers: auth })).json().chats as {
    id: string;
    member_count: number;
  }[];
const history = (auth: Record<string, string>) =>
  lectern.app.inject({ method: 'GET', url: `/api/v1/chat/rooms/${course.id}/messages`, headers: auth });

describe('course staff', () => {
  it('join the room when added as co-instructors and leave it, sockets closed, when removed', async () => {
    assert.deepEqual(await search(otherInstructor.auth), []);
    assert.equal((await search(owner.auth))[0]?.member_count, 1);

    const added = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/courses/${course.id}/instructors`,
      headers: owner.auth,
      payload: { user_id: otherInstructor.id },
    });
    assert.ok(added.statusCode < 300, added.body);
    await lectern.queue.settle();
    const found = await search(otherInstructor.auth);
    assert.deepEqual(
      found.map((room) => [room.id, room.member_count]),
      [[course.id, 2]],
    );
    const members = await lectern.app.inject({
      method: 'GET',
      url: `/api/v1/chat/rooms/${course.id}/members`,
      headers: owner.auth,
    });
    assert.deepEqual(
      members
        .json()
        .map((m: { user_id: string; role: string }) => [m.user_id, m.role])
        .sort(),
      [
        [owner.id, 'staff'],
        [otherInstructor.id, 'staff'],
      ].sort(),
    );

    const socket = await connect(base.ws, otherInstructor.accessToken, course.id);
    await socket.next((frame) => frame.type === 'user_joined' && frame.user_id === otherInstructor.id);
    const removed = await lectern.app.inject({
      method: 'DELETE',
      url: `/api/v1/courses/${course.id}/instructors/${otherInstructor.id}`,
      headers: owner.auth,
    });
    assert.ok(removed.statusCode < 300, removed.body);
    await lectern.queue.settle();
    assert.equal((await socket.closed).code, 4003);
    assert.deepEqual(await search(otherInstructor.auth), []);
    assert.equal((await search(owner.auth))[0]?.member_count, 1);
    assert.equal((await history(otherInstructor.auth)).statusCode, 404);
  });

  it('who are also enrolled stay in the room as students when removed from the staff', async () => {
    // studentA is promoted to instructor only for this case: enrolled first, then co-teaching.
    const enrolled = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/courses/${course.id}/enroll`,
      headers: studentA.auth,
    });
    assert.equal(enrolled.statusCode, 201, enrolled.body);
    await lectern.database.db.updateTable('users').set({ role: 'instructor' }).where('id', '=', studentA.id).execute();
    const add = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/courses/${course.id}/instructors`,
      headers: owner.auth,
      payload: { user_id: studentA.id },
    });
    assert.ok(add.statusCode < 300, add.body);
    await lectern.queue.settle();
    const remove = await lectern.app.inject({
      method: 'DELETE',
      url: `/api/v1/courses/${course.id}/instructors/${studentA.id}`,
      headers: owner.auth,
    });
    assert.ok(remove.statusCode < 300, remove.body);
    await lectern.queue.settle();
    const members = await lectern.app.inject({
      method: 'GET',
      url: `/api/v1/chat/rooms/${course.id}/members`,
      headers: owner.auth,
    });
    const row = members.json().find((m: { user_id: string }) => m.user_id === studentA.id);
    assert.equal(row?.role, 'student');
    assert.equal((await history(studentA.auth)).statusCode, 200);
  });
});
