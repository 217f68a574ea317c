// The catalog's domain events through HTTP: a course created, changed (fields or status) and
// deleted, each published once with the course as it is after the change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { eventRecorder } from '../helpers/events.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const recorder = eventRecorder('test-catalog', [
  'catalog.course.created',
  'catalog.course.updated',
  'catalog.course.deleted',
]);
const lectern = await startTestApp({}, { beforeStart: recorder.attach });
const [owner, stranger] = await Promise.all([
  createUser(lectern, { role: 'instructor' }),
  createUser(lectern, { role: 'instructor' }),
]);
const api = (method: 'POST' | 'PATCH' | 'DELETE', url: string, user: TestUser, payload?: object) =>
  lectern.app.inject({ method, url: `/api/v1${url}`, headers: user.auth, ...(payload ? { payload } : {}) });
/** The course's events as [type, payload], in a stable order (the bus promises none). */
const ofCourse = (courseId: string) =>
  sorted(
    recorder
      .all()
      .filter((e) => e.data.course_id === courseId)
      .map((e) => [e.type, e.data]),
  );
const sorted = (events: (readonly [string, object])[]) =>
  events
    .map((e) => JSON.stringify(e))
    .sort()
    .map((e) => JSON.parse(e) as [string, object]);

describe('catalog events', () => {
  it('publishes a course created, updated, published and deleted, once each', async () => {
    const created = await api('POST', '/courses', owner, { title: 'Evented Course', description: 'First words' });
    assert.equal(created.statusCode, 201);
    const courseId = created.json().id as string;
    const renamed = await api('PATCH', `/courses/${courseId}`, owner, { title: 'Renamed Course' });
    assert.equal(renamed.statusCode, 200);
    assert.equal((await api('POST', `/courses/${courseId}/lessons`, owner, { title: 'Only lesson' })).statusCode, 201);
    assert.equal((await api('POST', `/courses/${courseId}/publish`, owner)).statusCode, 200);
    assert.equal((await api('DELETE', `/courses/${courseId}`, owner)).statusCode, 204);
    await lectern.queue.settle();

    const base = { course_id: courseId, owner_id: owner.id };
    assert.deepEqual(
      ofCourse(courseId),
      sorted([
        ['catalog.course.created', { ...base, title: 'Evented Course', description: 'First words', status: 'draft' }],
        ['catalog.course.updated', { ...base, title: 'Renamed Course', description: 'First words', status: 'draft' }],
        [
          'catalog.course.updated',
          { ...base, title: 'Renamed Course', description: 'First words', status: 'published' },
        ],
        ['catalog.course.deleted', { ...base, title: 'Renamed Course' }],
      ]),
    );
  });

  it('publishes nothing for a refused change or a status the course already has', async () => {
    const created = await api('POST', '/courses', owner, { title: 'Quiet Course' });
    const courseId = created.json().id as string;
    assert.equal((await api('PATCH', `/courses/${courseId}`, stranger, { title: 'Hijacked' })).statusCode, 403);
    assert.equal((await api('DELETE', `/courses/${courseId}`, stranger)).statusCode, 403);
    assert.equal((await api('POST', `/courses/${courseId}/status`, owner, { status: 'draft' })).statusCode, 200);
    await lectern.queue.settle();
    assert.deepEqual(
      ofCourse(courseId).map(([type]) => type),
      ['catalog.course.created'],
    );
  });
});
