// 000's PUT /content/admin/courses/{id} with `instructor_id`: an admin hands a course over to
// another teacher; the staff, the listing and the course's chat room follow. Teachers may not.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast, createUser } from '../helpers/factories.ts';
import { assertGatewayError, gatewayClient, gatewayCourse } from './gateway-helpers.ts';

const lectern = await startTestApp();
const req = gatewayClient(lectern);
const { owner: teacher, otherInstructor: newTeacher, admin, studentA } = await createCast(lectern);
const bystander = await createUser(lectern, { role: 'instructor' });

/** Course chat rooms a user finds through 003's search (members only). */
const roomsOf = async (auth: Record<string, string>, word: string) => {
  const found = await lectern.app.inject({ method: 'GET', url: `/api/chats/search?q=${word}`, headers: auth });
  assert.equal(found.statusCode, 200, found.body);
  return (found.json().chats as { id: string }[]).map((chat) => chat.id);
};

describe('000 course owner change', () => {
  it('lets an admin hand a course over; staff rights, listing and chat room follow', async () => {
    const course = await gatewayCourse(lectern, teacher, { lessons: 1 });
    await lectern.app.inject({
      method: 'PUT',
      url: `/api/v1/content/admin/courses/${course.id}`,
      headers: teacher.auth,
      payload: { name: 'Handover Harmonics' },
    });
    await lectern.queue.settle();
    assert.deepEqual(await roomsOf(teacher.auth, 'harmonics'), [course.id]);
    assert.deepEqual(await roomsOf(newTeacher.auth, 'harmonics'), []);

    const changed = await req('PUT', `/content/admin/courses/${course.id}`, admin, {
      instructor_id: newTeacher.id,
      price: 10,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().course.instructor_id, newTeacher.id);
    assert.equal(changed.json().course.price, 10);
    const detail = (await req('GET', `/content/modules/${course.id}`)).json();
    assert.equal(detail.instructor.id, newTeacher.id);
    assert.equal(detail.instructor_id, newTeacher.id);
    const listed = await req('GET', `/content/modules?instructor_id=${newTeacher.id}`);
    assert.deepEqual(
      listed.json().map((m: { id: string }) => m.id),
      [course.id],
    );

    // The new owner manages it; the previous one no longer does.
    const byNew = await req('PUT', `/content/admin/courses/${course.id}`, newTeacher, { description: 'Mine now' });
    assert.equal(byNew.statusCode, 200, byNew.body);
    assertGatewayError(await req('PUT', `/content/admin/courses/${course.id}`, teacher, { description: 'No' }), 403);
    assertGatewayError(
      await req('PUT', `/content/lessons/${course.lessonIds[0]}`, teacher, { title: 'Not mine anymore' }),
      403,
    );

    // The chat room's staff follow the catalog's event.
    await lectern.queue.settle();
    assert.deepEqual(await roomsOf(newTeacher.auth, 'harmonics'), [course.id]);
    assert.deepEqual(await roomsOf(teacher.auth, 'harmonics'), []);
  });

  it('refuses teachers, and names the field when the new owner cannot teach', async () => {
    const course = await gatewayCourse(lectern, teacher, { lessons: 1 });
    const url = `/content/admin/courses/${course.id}`;
    // The owner may not give the course away; naming themselves changes nothing.
    assertGatewayError(await req('PUT', url, teacher, { instructor_id: newTeacher.id }), 403);
    assert.equal((await req('PUT', url, teacher, { instructor_id: teacher.id })).statusCode, 200);
    assertGatewayError(await req('PUT', url, bystander, { instructor_id: bystander.id }), 403);
    assertGatewayError(await req('PUT', url, studentA, { instructor_id: studentA.id }), 403);
    assertGatewayError(await req('PUT', url, null, { instructor_id: newTeacher.id }), 401);

    for (const instructorId of [studentA.id, randomUUID()]) {
      const refused = await req('PUT', url, admin, { instructor_id: instructorId, name: 'Renamed' });
      assertGatewayError(refused, 422, 'CATALOG_NOT_AN_INSTRUCTOR');
      assert.equal(refused.json().detail[0].field, 'instructor_id');
    }
    assertGatewayError(await req('PUT', url, admin, { instructor_id: 'nobody' }), 422);
    assertGatewayError(
      await req('PUT', `/content/admin/courses/${randomUUID()}`, admin, { instructor_id: newTeacher.id }),
      404,
    );
    // Nothing changed: one transaction.
    const detail = (await req('GET', `/content/modules/${course.id}`)).json();
    assert.equal(detail.instructor_id, teacher.id);
    assert.notEqual(detail.name, 'Renamed');
  });
});
