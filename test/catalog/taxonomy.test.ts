// Categories, tags and instructor profiles through /api/v1.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { apiV1, createCourse } from '../helpers/catalog.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();
const [owner, otherInstructor, student, admin] = await Promise.all([
  createUser(lectern, { role: 'instructor', fullName: 'Grace Teacher' }),
  createUser(lectern, { role: 'instructor' }),
  createUser(lectern, { role: 'student' }),
  createUser(lectern, { role: 'admin' }),
]);

const api = apiV1(lectern);

async function publishedIn(category: string, user: TestUser = owner) {
  const course = await createCourse(lectern, user, { lessons: 1 });
  assert.equal((await api('PATCH', `/courses/${course.id}`, user, { category })).statusCode, 200);
  assert.equal((await api('POST', `/courses/${course.id}/publish`, user)).statusCode, 200);
  return course.id;
}

describe('categories', () => {
  test('a tree with own and subtree counts of published courses', async () => {
    const root = (await api('POST', '/categories', admin, { name: 'Programming', description: 'Code' })).json();
    const python = (await api('POST', '/categories', admin, { name: 'Python', parent_id: root.id })).json();
    const django = (
      await api('POST', '/categories', admin, { name: 'Django', slug: 'django-web', parent_id: python.id })
    ).json();
    assert.equal(django.slug, 'django-web');
    assert.equal(django.depth, 2);
    await publishedIn(root.id);
    await publishedIn(python.id);
    await publishedIn('django-web');
    await createCourse(lectern, owner, { lessons: 1 }).then((c) =>
      api('PATCH', `/courses/${c.id}`, owner, { category: django.id }),
    );

    const tree = (await api('GET', '/categories')).json().items;
    const byName = Object.fromEntries(tree.map((c: { name: string }) => [c.name, c]));
    assert.deepEqual(
      tree.map((c: { name: string }) => c.name).filter((n: string) => ['Programming', 'Python', 'Django'].includes(n)),
      ['Programming', 'Python', 'Django'],
    );
    assert.deepEqual([byName.Programming.course_count, byName.Programming.total_course_count], [1, 3]);
    assert.deepEqual([byName.Python.course_count, byName.Python.total_course_count], [1, 2]);
    assert.deepEqual(
      [byName.Django.course_count, byName.Django.total_course_count, byName.Django.parent_id],
      [1, 1, python.id],
    );

    const detail = await api('GET', `/categories/${python.slug}`);
    assert.equal(detail.statusCode, 200);
    assert.deepEqual(
      detail.json().children.map((c: { id: string }) => c.id),
      [django.id],
    );
    assert.equal(detail.json().courses.total, 2);
    assert.equal((await api('GET', '/categories/no-such-category')).statusCode, 404);
  });

  test('only admins write categories; cycles and duplicate names are refused', async () => {
    assert.equal((await api('POST', '/categories', owner, { name: 'Mine' })).statusCode, 403);
    assert.equal((await api('POST', '/categories', student, { name: 'Mine' })).statusCode, 403);
    assert.equal((await api('POST', '/categories', undefined, { name: 'Mine' })).statusCode, 401);
    const a = (await api('POST', '/categories', admin, { name: 'Arts' })).json();
    const b = (await api('POST', '/categories', admin, { name: 'Painting', parent_id: a.id })).json();
    assert.equal((await api('POST', '/categories', admin, { name: 'arts' })).statusCode, 409);
    assert.equal((await api('PATCH', `/categories/${a.id}`, admin, { parent_id: b.id })).statusCode, 422);
    assert.equal((await api('PATCH', `/categories/${a.id}`, owner, { name: 'Fine Arts' })).statusCode, 403);
    const renamed = await api('PATCH', `/categories/${a.id}`, admin, { name: 'Fine Arts', description: 'All of it' });
    assert.deepEqual([renamed.json().name, renamed.json().description], ['Fine Arts', 'All of it']);
    const courseId = await publishedIn(b.id);
    assert.equal((await api('DELETE', `/categories/${b.id}`, owner)).statusCode, 403);
    assert.equal((await api('DELETE', `/categories/${b.id}`, admin)).statusCode, 204);
    const course = await api('GET', `/courses/${courseId}`);
    assert.equal(course.json().category_id, null);
  });

  test('001 clients name a category in free text: a new one is created', async () => {
    const created = await api('POST', '/courses', owner, { title: 'Cooking 101', category: 'Cooking Fresh' });
    assert.equal(created.json().category, 'Cooking Fresh');
    const again = await api('POST', '/courses', owner, { title: 'Cooking 102', category: 'cooking fresh' });
    assert.equal(again.json().category_id, created.json().category_id);
  });
});

describe('tags', () => {
  test('attach by name or id, usage counts, detach; names are unique case-insensitively', async () => {
    const course = await createCourse(lectern, owner, { lessons: 1, publish: true });
    const other = await createCourse(lectern, owner, { lessons: 1, publish: true });
    const made = await api('POST', '/tags', owner, { name: 'TypeScript' });
    assert.equal(made.statusCode, 201);
    assert.equal((await api('POST', '/tags', otherInstructor, { name: 'typescript' })).statusCode, 409);
    assert.equal((await api('POST', '/tags', student, { name: 'nope' })).statusCode, 403);
    const byId = await api('POST', `/courses/${course.id}/tags`, owner, { tag_id: made.json().id });
    assert.equal(byId.statusCode, 200, byId.body);
    const byName = await api('POST', `/courses/${other.id}/tags`, owner, { name: 'typescript' });
    assert.equal(byName.json().id, made.json().id);
    assert.equal(byName.json().usage_count, 2);
    await api('POST', `/courses/${other.id}/tags`, owner, { name: 'Node.js' });

    const listed = (await api('GET', '/tags?q=typescr')).json().items;
    assert.deepEqual(
      listed.map((t: { name: string; usage_count: number }) => [t.name, t.usage_count]),
      [['TypeScript', 2]],
    );
    assert.deepEqual(
      (await api('GET', `/courses/${other.id}/tags`))
        .json()
        .items.map((t: { name: string }) => t.name)
        .sort(),
      ['Node.js', 'TypeScript'],
    );

    for (const user of [otherInstructor, student]) {
      assert.equal((await api('POST', `/courses/${course.id}/tags`, user, { name: 'spam' })).statusCode, 403);
      assert.equal((await api('DELETE', `/courses/${course.id}/tags/${made.json().id}`, user)).statusCode, 403);
    }
    assert.equal((await api('DELETE', `/courses/${course.id}/tags/${made.json().id}`)).statusCode, 401);
    assert.equal((await api('DELETE', `/courses/${course.id}/tags/${made.json().id}`, owner)).statusCode, 204);
    assert.equal((await api('DELETE', `/courses/${course.id}/tags/${made.json().id}`, owner)).statusCode, 404);
    const after = (await api('GET', '/tags?q=typescript')).json().items[0];
    assert.equal(after.usage_count, 1);
    assert.deepEqual((await api('GET', `/courses/${course.id}`)).json().tags, []);
    assert.equal((await api('DELETE', `/tags/${made.json().id}`, owner)).statusCode, 403);
    assert.equal((await api('DELETE', `/tags/${made.json().id}`, admin)).statusCode, 204);
    assert.deepEqual((await api('GET', `/courses/${other.id}`)).json().tags, ['Node.js']);
  });
});

describe('instructors', () => {
  test('public profiles list published courses only', async () => {
    const teacher = await createUser(lectern, { role: 'instructor', fullName: 'Zed Profile' });
    const published = await createCourse(lectern, teacher, { lessons: 1, publish: true });
    await createCourse(lectern, teacher, { lessons: 1 });
    const coTaught = await createCourse(lectern, owner, { lessons: 1, publish: true });
    await api('POST', `/courses/${coTaught.id}/instructors`, owner, { user_id: teacher.id });

    const profile = await api('GET', `/instructors/${teacher.id}`);
    assert.equal(profile.statusCode, 200);
    assert.equal(profile.json().full_name, 'Zed Profile');
    assert.equal(profile.json().course_count, 2);
    assert.deepEqual(
      new Set(profile.json().courses.map((c: { id: string }) => c.id)),
      new Set([published.id, coTaught.id]),
    );
    assert.equal(profile.json().email, undefined);

    const listed = await api('GET', '/instructors?q=zed%20prof');
    assert.deepEqual(
      listed.json().items.map((i: { id: string }) => i.id),
      [teacher.id],
    );
    assert.equal((await api('GET', `/instructors/${student.id}`)).statusCode, 404);
  });
});
