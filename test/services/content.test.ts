// 003's content service through HTTP: courses, sections, materials, media assets and tags, with
// the `{error: {code, message, details, request_id}}` format and the authorization matrix (the
// owner, another instructor, an admin, two students and anonymous callers).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';

import { followSigned, makeMedia } from '../files/support.ts';
import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { app } = lectern;
const cast = await createCast(lectern);
const { owner, otherInstructor, admin, studentA, studentB } = cast;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
const call = (method: Method, url: string, user?: TestUser, payload?: object) =>
  app.inject({ method, url, headers: user ? user.auth : {}, ...(payload ? { payload } : {}) });
const title = () => `Course ${randomBytes(4).toString('hex')}`;

async function newCourse(user: TestUser = owner, body: object = {}) {
  const created = await call('POST', '/api/courses', user, { title: title(), description: 'About it', ...body });
  assert.equal(created.statusCode, 201, created.body);
  return created.json() as { id: string; title: string; status: string };
}

async function newSection(courseId: string, body: object = {}, user: TestUser = owner) {
  const created = await call('POST', `/api/courses/${courseId}/sections`, user, { title: 'Basics', ...body });
  assert.equal(created.statusCode, 201, created.body);
  return created.json() as { id: string; sequence: number };
}

async function newMaterial(sectionId: string, body: object = {}, user: TestUser = owner) {
  const created = await call('POST', `/api/sections/${sectionId}/materials`, user, {
    type: 'video',
    title: 'Intro',
    ...body,
  });
  assert.equal(created.statusCode, 201, created.body);
  return created.json() as { id: string; status: string };
}

describe('003 content: courses', () => {
  it('creates a course for instructors with the documented shape and Location', async () => {
    const response = await call('POST', '/api/courses', owner, {
      title: 'Advanced JavaScript',
      description: 'Deep dive into JavaScript concepts',
      status: 'draft',
    });
    assert.equal(response.statusCode, 201);
    const course = response.json();
    assert.deepEqual(Object.keys(course).sort(), ['created_at', 'description', 'id', 'status', 'title', 'updated_at']);
    assert.equal(course.title, 'Advanced JavaScript');
    assert.equal(course.status, 'draft');
    assert.match(course.created_at, /Z$/);
    assert.equal(response.headers['location'], `/api/courses/${course.id}`);
    assert.equal((await call('POST', '/api/courses', admin, { title: title() })).statusCode, 201);
  });

  it('refuses students (403) and anonymous callers (401) in the services error format', async () => {
    const student = await app.inject({
      method: 'POST',
      url: '/api/courses',
      headers: { ...studentA.auth, 'x-request-id': 'req-student' },
      payload: { title: title() },
    });
    assert.equal(student.statusCode, 403);
    assert.equal(student.headers['x-request-id'], 'req-student');
    assert.deepEqual(student.json(), {
      error: {
        code: 'INSUFFICIENT_PERMISSIONS',
        message: 'Not authorized to perform this action',
        details: {},
        request_id: 'req-student',
      },
    });
    const anonymous = await call('GET', '/api/courses');
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json().error.code, 'INVALID_TOKEN');
    assert.equal(anonymous.json().error.request_id, anonymous.headers['x-request-id']);
  });

  it('answers bad input with 400 and the documented validation codes', async () => {
    const missing = await call('POST', '/api/courses', owner, { description: 'no title' });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.code, 'MISSING_REQUIRED_FIELD');
    assert.deepEqual(Object.keys(missing.json().error.details), ['title']);
    const status = await call('POST', '/api/courses', owner, { title: title(), status: 'live' });
    assert.equal(status.statusCode, 400);
    assert.equal(status.json().error.code, 'INVALID_FIELD_FORMAT');
    assert.match(status.json().error.details.status, /draft, review, published/);
    const long = await call('POST', '/api/courses', owner, { title: 'x'.repeat(256) });
    assert.equal(long.statusCode, 400);
    assert.equal(long.json().error.code, 'VALUE_OUT_OF_RANGE');
    const id = await call('GET', '/api/courses/not-a-uuid', owner);
    assert.equal(id.statusCode, 400);
    assert.equal(id.json().error.code, 'INVALID_FIELD_FORMAT');
    const json = await app.inject({
      method: 'POST',
      url: '/api/courses',
      headers: { ...owner.auth, 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    assert.equal(json.statusCode, 400);
    assert.equal(json.json().error.code, 'INVALID_REQUEST');
  });

  it('shows drafts to their staff and admins only; a published status publishes at once', async () => {
    const draft = await newCourse(owner, { status: 'draft' });
    const published = await newCourse(owner, { status: 'published' });
    assert.equal(published.status, 'published');
    const listed = async (user: TestUser) =>
      ((await call('GET', '/api/courses?limit=100', user)).json().courses as { id: string }[]).map((c) => c.id);
    for (const user of [owner, admin]) {
      assert.ok((await listed(user)).includes(draft.id));
      assert.equal((await call('GET', `/api/courses/${draft.id}`, user)).statusCode, 200);
    }
    for (const user of [studentA, otherInstructor]) {
      const ids = await listed(user);
      assert.ok(!ids.includes(draft.id));
      assert.ok(ids.includes(published.id));
      const hidden = await call('GET', `/api/courses/${draft.id}`, user);
      assert.equal(hidden.statusCode, 404);
      assert.equal(hidden.json().error.code, 'RESOURCE_NOT_FOUND');
    }
    const page = (await call('GET', '/api/courses?status=draft&limit=1', owner)).json();
    assert.equal(page.courses.length, 1);
    assert.ok(page.total >= 1);

    const publish = await call('PUT', `/api/courses/${draft.id}`, owner, { status: 'published' });
    assert.equal(publish.statusCode, 200);
    assert.equal(publish.json().status, 'published');
    assert.equal((await call('GET', `/api/courses/${draft.id}`, studentA)).statusCode, 200);
  });

  it('lets the owner and admins update; another instructor and students get 403', async () => {
    const course = await newCourse(owner, { status: 'published' });
    for (const user of [otherInstructor, studentA]) {
      const refused = await call('PUT', `/api/courses/${course.id}`, user, { title: 'Mine now' });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, 'INSUFFICIENT_PERMISSIONS');
    }
    const updated = await call('PUT', `/api/courses/${course.id}`, owner, { description: 'Updated description' });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().title, course.title, 'fields not sent stay');
    assert.equal(updated.json().description, 'Updated description');
    const byAdmin = await call('PUT', `/api/courses/${course.id}`, admin, {
      title: 'Introduction to Programming - Updated',
    });
    assert.equal(byAdmin.json().title, 'Introduction to Programming - Updated');
    assert.equal((await call('PUT', `/api/courses/${crypto.randomUUID()}`, owner, { title: 'x' })).statusCode, 404);
  });

  it('deletes a course for its owner (204), then answers 404', async () => {
    const course = await newCourse();
    const section = await newSection(course.id);
    await newMaterial(section.id);
    for (const user of [otherInstructor, studentB])
      assert.equal((await call('DELETE', `/api/courses/${course.id}`, user)).statusCode, 403);
    const deleted = await call('DELETE', `/api/courses/${course.id}`, owner);
    assert.equal(deleted.statusCode, 204);
    assert.equal(deleted.body, '');
    assert.equal((await call('GET', `/api/courses/${course.id}`, owner)).statusCode, 404);
    assert.equal((await call('GET', `/api/sections/${section.id}/materials`, owner)).statusCode, 404);
  });

  it('refuses to delete a course with enrolled students (409 RESOURCE_LOCKED)', async () => {
    const course = await newCourse(owner, { status: 'published' });
    const enrolled = await call('POST', `/api/v1/courses/${course.id}/enroll`, studentA);
    assert.equal(enrolled.statusCode, 201, enrolled.body);
    const refused = await call('DELETE', `/api/courses/${course.id}`, owner);
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'RESOURCE_LOCKED');
  });

  it('answers unknown paths and methods in the services format', async () => {
    const wrongMethod = await call('PATCH', '/api/courses', owner);
    assert.equal(wrongMethod.statusCode, 405);
    assert.equal(wrongMethod.headers['allow'], 'GET, HEAD, POST');
    assert.equal(wrongMethod.json().error.code, 'METHOD_NOT_ALLOWED');
    const missing = await call('GET', '/api/coursez', owner);
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'RESOURCE_NOT_FOUND');
  });
});

describe('003 content: sections and materials', () => {
  it('orders sections by sequence and counts the materials each caller may see', async () => {
    const course = await newCourse(owner, { status: 'published' });
    const second = await newSection(course.id, { title: 'Functions and Scope' });
    const first = await newSection(course.id, { title: 'Variables and Data Types', sequence: 1 });
    assert.equal(first.sequence, 1);
    await newMaterial(first.id, { title: 'Introduction to Variables', status: 'published' });
    await newMaterial(first.id, { type: 'document', title: 'Cheat sheet', status: 'published' });
    await newMaterial(first.id, { title: 'Draft video', status: 'draft' });
    await newMaterial(second.id, { title: 'Closures', status: 'published' });

    const listed = await call('GET', `/api/courses/${course.id}/sections`, owner);
    assert.equal(listed.statusCode, 200);
    const sections = listed.json().sections;
    assert.deepEqual(
      sections.map((s: { title: string; sequence: number; material_count: number }) => [
        s.title,
        s.sequence,
        s.material_count,
      ]),
      [
        ['Variables and Data Types', 1, 3],
        ['Functions and Scope', 2, 1],
      ],
    );
    assert.deepEqual(Object.keys(sections[0]).sort(), [
      'course_id',
      'created_at',
      'id',
      'material_count',
      'sequence',
      'title',
    ]);

    const forStudent = (await call('GET', `/api/courses/${course.id}`, studentA)).json();
    assert.deepEqual(
      forStudent.sections.map((s: { sequence: number; material_count: number }) => [s.sequence, s.material_count]),
      [
        [1, 2],
        [2, 1],
      ],
    );
    assert.deepEqual(Object.keys(forStudent.sections[0]).sort(), ['id', 'material_count', 'sequence', 'title']);

    const moved = await call('PUT', `/api/sections/${second.id}`, owner, { sequence: 1, title: 'Functions' });
    assert.equal(moved.statusCode, 200);
    assert.deepEqual([moved.json().sequence, moved.json().title], [1, 'Functions']);
    assert.equal((await call('GET', `/api/sections/${first.id}`, owner)).json().sequence, 2);
    assert.equal((await call('PUT', `/api/sections/${first.id}`, otherInstructor, { title: 'x' })).statusCode, 403);
    assert.equal((await call('POST', `/api/courses/${course.id}/sections`, studentA, { title: 'x' })).statusCode, 403);

    const removed = await call('DELETE', `/api/sections/${second.id}`, owner);
    assert.equal(removed.statusCode, 204);
    const left = (await call('GET', `/api/courses/${course.id}/sections`, owner)).json().sections;
    assert.deepEqual(
      left.map((s: { id: string; sequence: number }) => [s.id, s.sequence]),
      [[first.id, 1]],
    );
  });

  it('creates, lists, reads, updates and deletes materials, drafts for staff only', async () => {
    const course = await newCourse(owner, { status: 'published' });
    const section = await newSection(course.id);
    const created = await call('POST', `/api/sections/${section.id}/materials`, owner, {
      type: 'video',
      title: 'Advanced Functions',
      status: 'draft',
    });
    assert.equal(created.statusCode, 201);
    const material = created.json();
    assert.deepEqual(material, {
      id: material.id,
      section_id: section.id,
      type: 'video',
      title: 'Advanced Functions',
      status: 'draft',
      media_assets: [],
    });
    assert.equal(created.headers['location'], `/api/materials/${material.id}`);
    const doc = await newMaterial(section.id, { type: 'document', title: 'Notes', status: 'published' });

    const staffList = (await call('GET', `/api/sections/${section.id}/materials`, owner)).json().materials;
    assert.deepEqual(
      staffList.map((m: { id: string }) => m.id),
      [material.id, doc.id],
    );
    const studentList = (await call('GET', `/api/sections/${section.id}/materials`, studentA)).json().materials;
    assert.deepEqual(
      studentList.map((m: { id: string }) => m.id),
      [doc.id],
    );
    assert.equal((await call('GET', `/api/materials/${material.id}`, studentA)).statusCode, 404);
    assert.equal((await call('GET', `/api/materials/${material.id}`, owner)).statusCode, 200);
    // A published material of a course the student has not joined is locked.
    const locked = await call('GET', `/api/materials/${doc.id}`, studentB);
    assert.equal(locked.statusCode, 403);
    assert.equal(locked.json().error.code, 'INSUFFICIENT_PERMISSIONS');

    const updated = await call('PUT', `/api/materials/${material.id}`, owner, { status: 'published' });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().status, 'published');
    assert.equal(updated.json().title, 'Advanced Functions');
    for (const user of [otherInstructor, studentA]) {
      assert.equal((await call('PUT', `/api/materials/${material.id}`, user, { title: 'x' })).statusCode, 403);
      assert.equal((await call('DELETE', `/api/materials/${material.id}`, user)).statusCode, 403);
      assert.equal(
        (await call('POST', `/api/sections/${section.id}/materials`, user, { type: 'video', title: 'x' })).statusCode,
        403,
      );
    }
    const badType = await call('POST', `/api/sections/${section.id}/materials`, owner, { type: 'audio', title: 'x' });
    assert.equal(badType.statusCode, 400);
    assert.equal(badType.json().error.code, 'INVALID_FIELD_FORMAT');
    assert.equal((await call('DELETE', `/api/materials/${material.id}`, admin)).statusCode, 204);
    assert.equal((await call('GET', `/api/materials/${material.id}`, owner)).statusCode, 404);
  });
});

describe('003 content: media upload', () => {
  it('presigns for staff, notices the PUT by itself and processes a real MP4 until ready', async () => {
    const course = await newCourse(owner, { status: 'published' });
    const section = await newSection(course.id);
    const material = await newMaterial(section.id, { status: 'published' });
    const mp4 = makeMedia('mp4');
    const body = { content_type: 'video/mp4', file_size: mp4.length, file_name: 'lesson1.mp4' };
    for (const user of [otherInstructor, studentA]) {
      const refused = await call('POST', `/api/materials/${material.id}/upload/presign`, user, body);
      assert.equal(refused.statusCode, 403);
    }
    const badType = await call('POST', `/api/materials/${material.id}/upload/presign`, owner, {
      ...body,
      content_type: 'text/html',
    });
    assert.equal(badType.statusCode, 400);
    assert.equal(badType.json().error.code, 'INVALID_FIELD_FORMAT');
    assert.equal(
      (await call('POST', `/api/materials/${crypto.randomUUID()}/upload/presign`, owner, body)).statusCode,
      404,
    );

    const presigned = await call('POST', `/api/materials/${material.id}/upload/presign`, owner, body);
    assert.equal(presigned.statusCode, 200, presigned.body);
    const { upload_url, media_asset_id, expires_at } = presigned.json();
    assert.match(expires_at, /Z$/);
    const uploading = (await call('GET', `/api/media-assets/${media_asset_id}`, owner)).json();
    assert.equal(uploading.status, 'uploading');
    assert.equal(uploading.url, null);

    const put = await followSigned(lectern, upload_url, {
      method: 'PUT',
      body: mp4,
      headers: { 'content-type': 'video/mp4' },
    });
    assert.equal(put.status, 200);
    await lectern.queue.settle(120_000);

    const asset = await call('GET', `/api/media-assets/${media_asset_id}`, owner);
    assert.equal(asset.statusCode, 200);
    const ready = asset.json();
    assert.equal(ready.status, 'ready', JSON.stringify(ready));
    assert.equal(ready.material_id, material.id);
    assert.equal(ready.file_size, mp4.length);
    assert.equal(ready.content_type, 'video/mp4');
    assert.ok(Math.abs(ready.duration - 2) < 0.2, `duration ${ready.duration}`);
    const downloaded = await followSigned(lectern, ready.url);
    assert.deepEqual(downloaded.body, mp4);

    const listed = (await call('GET', `/api/sections/${section.id}/materials`, owner)).json().materials[0];
    assert.deepEqual(
      listed.media_assets.map((a: { id: string; status: string }) => [a.id, a.status]),
      [[media_asset_id, 'ready']],
    );
    // Readers of the material see the asset once ready; others do not learn it exists.
    assert.equal((await call('GET', `/api/media-assets/${media_asset_id}`, studentB)).statusCode, 404);
    assert.equal((await call('POST', `/api/v1/courses/${course.id}/enroll`, studentB)).statusCode, 201);
    assert.equal((await call('GET', `/api/media-assets/${media_asset_id}`, studentB)).statusCode, 200);
    const material2 = (await call('GET', `/api/materials/${material.id}`, studentB)).json();
    assert.equal(material2.media_assets[0].id, media_asset_id);
    assert.ok(material2.media_assets[0].url);
    assert.equal((await call('GET', `/api/media-assets/${media_asset_id}`)).statusCode, 401);
  });
});

describe('003 content: tags', () => {
  it('lists tags with usage counts and creates new ones for instructors', async () => {
    const name = `tag-${randomBytes(3).toString('hex')}`;
    const created = await call('POST', '/api/tags', owner, { name });
    assert.equal(created.statusCode, 201);
    assert.deepEqual(Object.keys(created.json()).sort(), ['id', 'name', 'usage_count']);
    assert.equal(created.json().usage_count, 0);
    for (const course of [await newCourse(), await newCourse()]) {
      const attached = await call('POST', `/api/v1/courses/${course.id}/tags`, owner, { name });
      assert.equal(attached.statusCode, 200, attached.body);
    }
    const listed = (await call('GET', '/api/tags', studentA)).json().tags;
    assert.deepEqual(
      listed.find((t: { name: string }) => t.name === name),
      { id: created.json().id, name, usage_count: 2 },
    );
    const duplicate = await call('POST', '/api/tags', admin, { name: name.toUpperCase() });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json().error.code, 'RESOURCE_ALREADY_EXISTS');
    assert.equal((await call('POST', '/api/tags', studentA, { name: 'mine' })).statusCode, 403);
    assert.equal((await call('GET', '/api/tags')).statusCode, 401);
  });
});
