// 002's catalog through HTTP: courses (create published at once, PUT vs PATCH, filters, search,
// DRF pagination with absolute links), categories, instructors, the authorization matrix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { djangoCaller } from './django-helpers.ts';

const lectern = await startTestApp();
const cast = await createCast(lectern);
const { owner, otherInstructor, admin, studentA } = cast;
const call = djangoCaller(lectern);

async function newCourse(body: Record<string, unknown> = {}) {
  const response = await call('POST', '/api/courses/', owner.auth, {
    title: `Python ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Learn Python from scratch',
    ...body,
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

describe('002 courses', () => {
  it('creates a course published at once as the document does, read-only fields ignored', async () => {
    const course = await newCourse({
      course_code: 'PY101',
      level: 'Beginner',
      category: 'Python',
      status: 'published',
      price: 99.99,
      created_by: studentA.id,
      enrolled_count: 500,
      id: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(course.course_code, 'PY101');
    assert.equal(course.level, 'beginner');
    assert.equal(course.status, 'published');
    assert.equal(course.category_name, 'Python');
    assert.equal(course.price, '99.99');
    assert.equal(course.created_by, owner.id);
    assert.equal(course.enrolled_count, 0);
    assert.notEqual(course.id, '00000000-0000-4000-8000-000000000000');
    const anonymous = await call('GET', `/api/courses/${course.id}/`);
    assert.equal(anonymous.statusCode, 200);
    assert.equal(anonymous.json().title, course.title);
    assert.deepEqual(anonymous.json().sections, []);
  });

  it('refuses students and anonymous callers; validates every field at once', async () => {
    assert.equal((await call('POST', '/api/courses/', studentA.auth, { title: 'x' })).statusCode, 403);
    const anonymous = await call('POST', '/api/courses/', undefined, { title: 'x' });
    assert.equal(anonymous.statusCode, 401);
    assert.deepEqual(anonymous.json(), { detail: 'Authentication credentials were not provided.' });
    const invalid = await call('POST', '/api/courses/', owner.auth, { price: 'abc', thumbnail_url: 'nope' });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(Object.keys(invalid.json()).sort(), ['price', 'thumbnail_url', 'title']);
    assert.deepEqual(invalid.json().title, ['This field is required.']);
    const level = await call('POST', '/api/courses/', owner.auth, { title: 'x', level: 'guru' });
    assert.deepEqual(level.json(), { level: ['"guru" is not a valid choice.'] });
  });

  it('PUT needs the required fields, PATCH changes only what is sent; staff only', async () => {
    const course = await newCourse({ course_code: 'PUT1' });
    const putMissing = await call('PUT', `/api/courses/${course.id}/`, owner.auth, { description: 'd' });
    assert.equal(putMissing.statusCode, 400);
    assert.deepEqual(putMissing.json(), { title: ['This field is required.'] });
    const put = await call('PUT', `/api/courses/${course.id}/`, owner.auth, { title: 'Renamed', description: 'New' });
    assert.equal(put.statusCode, 200);
    assert.equal(put.json().title, 'Renamed');
    const patch = await call('PATCH', `/api/courses/${course.id}/`, owner.auth, {
      level: 'ADVANCED',
      created_by: studentA.id,
    });
    assert.equal(patch.statusCode, 200);
    assert.equal(patch.json().title, 'Renamed');
    assert.equal(patch.json().level, 'advanced');
    assert.equal(patch.json().course_code, 'PUT1');
    assert.equal(patch.json().created_by, owner.id);
    for (const [who, status] of [
      [studentA, 403],
      [otherInstructor, 403],
      [admin, 200],
    ] as const) {
      const response = await call('PATCH', `/api/courses/${course.id}/`, who.auth, { description: 'by someone' });
      assert.equal(response.statusCode, status, `${who.role} ${response.body}`);
    }
    assert.equal((await call('PATCH', `/api/courses/${course.id}/`, undefined, { title: 'x' })).statusCode, 401);
    assert.equal((await call('DELETE', `/api/courses/${course.id}/`, otherInstructor.auth)).statusCode, 403);
    assert.equal((await call('DELETE', `/api/courses/${course.id}/`, owner.auth)).statusCode, 204);
    const gone = await call('GET', `/api/courses/${course.id}/`, owner.auth);
    assert.equal(gone.statusCode, 404);
    assert.equal(typeof gone.json().detail, 'string');
  });

  it('hides drafts from students and other instructors', async () => {
    const draft = await newCourse();
    assert.equal(draft.status, 'draft');
    assert.equal((await call('GET', `/api/courses/${draft.id}/`, studentA.auth)).statusCode, 404);
    assert.equal((await call('GET', `/api/courses/${draft.id}/`, otherInstructor.auth)).statusCode, 404);
    assert.equal((await call('GET', `/api/courses/${draft.id}/`, admin.auth)).statusCode, 200);
  });

  it('paginates as DRF with absolute next/previous links, filters and searches', async () => {
    const marker = `zebra${Math.random().toString(36).slice(2, 8)}`;
    for (let i = 0; i < 3; i++) await newCourse({ title: `${marker} ${i}`, status: 'published', level: 'expert' });
    const first = await call('GET', `/api/courses/?search=${marker}&page_size=2`);
    assert.equal(first.statusCode, 200);
    const body = first.json();
    assert.equal(body.count, 3);
    assert.equal(body.results.length, 2);
    assert.equal(body.previous, null);
    assert.equal(body.next, `http://lectern.test/api/courses/?search=${marker}&page_size=2&page=2`);
    const second = (await call('GET', `/api/courses/?search=${marker}&page_size=2&page=2`)).json();
    assert.equal(second.results.length, 1);
    assert.equal(second.next, null);
    assert.equal(second.previous, `http://lectern.test/api/courses/?search=${marker}&page_size=2`);
    const byLevel = (await call('GET', `/api/courses/?search=${marker}&level=Beginner`)).json();
    assert.equal(byLevel.count, 0);
    const capped = await call('GET', '/api/courses/?page_size=101');
    assert.equal(capped.statusCode, 400);
    assert.ok(Array.isArray(capped.json().page_size));
  });

  it('lists course instructors, instructors and an instructor with courses', async () => {
    const course = await newCourse({ status: 'published' });
    const staff = (await call('GET', `/api/courses/${course.id}/instructors/`)).json();
    assert.equal(staff.count, 1);
    assert.equal(staff.results[0].id, owner.id);
    assert.equal(staff.results[0].role, 'owner');
    const instructors = (await call('GET', '/api/instructors/?page_size=100')).json();
    assert.ok(instructors.results.some((i: { id: string }) => i.id === owner.id));
    const profile = await call('GET', `/api/instructors/${owner.id}/`);
    assert.equal(profile.statusCode, 200);
    assert.ok(profile.json().courses.some((c: { id: string }) => c.id === course.id));
    assert.equal((await call('GET', `/api/instructors/${studentA.id}/`)).statusCode, 404);
    const badId = await call('GET', '/api/instructors/not-a-uuid/');
    assert.equal(badId.statusCode, 400);
  });

  it('lists categories and a category with its courses', async () => {
    const name = `Cat ${Math.random().toString(36).slice(2, 8)}`;
    const course = await newCourse({ category: name, status: 'published' });
    const list = (await call('GET', '/api/courses/categories/?page_size=100')).json();
    const category = list.results.find((c: { name: string }) => c.name === name);
    assert.ok(category);
    assert.equal(category.course_count, 1);
    const detail = await call('GET', `/api/courses/categories/${category.id}/`);
    assert.equal(detail.statusCode, 200);
    assert.deepEqual(
      detail.json().courses.map((c: { id: string }) => c.id),
      [course.id],
    );
  });

  it("keeps 003's no-slash paths and redirects 002-only paths as APPEND_SLASH", async () => {
    const services = await call('GET', '/api/courses', owner.auth);
    assert.equal(services.statusCode, 200);
    assert.equal(services.json().results, undefined);
    const redirect = await call('GET', '/api/instructors?page=2');
    assert.equal(redirect.statusCode, 301);
    assert.equal(redirect.headers['location'], '/api/instructors/?page=2');
    assert.equal((await call('POST', '/api/instructors')).statusCode, 404);
  });
});
