// Courses through /api/v1: 001's shapes, slugs, the status workflow, visibility, listing, seats.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { apiV1, createCourse } from '../helpers/catalog.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();
const [owner, coInstructor, otherInstructor, student, admin] = await Promise.all([
  createUser(lectern, { role: 'instructor', fullName: 'Ada Owner' }),
  createUser(lectern, { role: 'instructor' }),
  createUser(lectern, { role: 'instructor' }),
  createUser(lectern, { role: 'student' }),
  createUser(lectern, { role: 'admin' }),
]);

const api = apiV1(lectern);

async function addCoInstructor(courseId: string) {
  const response = await api('POST', `/courses/${courseId}/instructors`, owner, { user_id: coInstructor.id });
  assert.equal(response.statusCode, 200, response.body);
}

describe('create and read', () => {
  test('an instructor creates a course in 001 shape; the slug comes from the title', async () => {
    const response = await api('POST', '/courses', owner, {
      title: 'Python Basics',
      description: 'Learn Python fundamentals',
      category: 'Programming',
      difficulty_level: 'beginner',
      estimated_duration_minutes: 120,
      thumbnail_url: 'https://example.com/thumb.jpg',
      price: 49.5,
      max_students: 30,
      schedule: ['Monday 10:00', 'Wednesday 14:00'],
      tags: ['python', 'Beginner-Friendly'],
    });
    assert.equal(response.statusCode, 201, response.body);
    const course = response.json();
    assert.match(course.slug, /^python-basics(-[0-9a-f]{6})?$/);
    assert.equal(course.title, 'Python Basics');
    assert.equal(course.category, 'Programming');
    assert.equal(course.difficulty_level, 'beginner');
    assert.equal(course.is_published, false);
    assert.equal(course.status, 'draft');
    assert.equal(course.price, '49.50');
    assert.equal(course.instructor_id, owner.id);
    assert.equal(course.instructor_name, 'Ada Owner');
    assert.deepEqual(course.schedule, ['Monday 10:00', 'Wednesday 14:00']);
    assert.deepEqual(course.tags, ['Beginner-Friendly', 'python']);
    assert.equal(course.max_students, 30);
    assert.equal(course.enrolled_count, 0);
    assert.match(course.created_at, /Z$/);

    const again = await api('POST', '/courses', owner, { title: 'Python Basics' });
    assert.equal(again.statusCode, 201);
    assert.notEqual(again.json().slug, course.slug);
    assert.match(again.json().slug, /^python-basics/);

    const bySlug = await api('GET', `/courses/${course.slug}`, owner);
    assert.equal(bySlug.statusCode, 200);
    assert.equal(bySlug.json().id, course.id);
  });

  test('an explicit slug that is taken is a conflict; unknown fields are refused', async () => {
    const first = await api('POST', '/courses', owner, { title: 'Slugged', slug: 'unique-slug-x1' });
    assert.equal(first.statusCode, 201);
    const second = await api('POST', '/courses', owner, { title: 'Other', slug: 'unique-slug-x1' });
    assert.equal(second.statusCode, 409);
    const extra = await api('POST', '/courses', owner, { title: 'X', owner_id: student.id, enrolled_count: 5 });
    assert.equal(extra.statusCode, 422);
  });

  test('students and anonymous callers cannot create courses', async () => {
    assert.equal((await api('POST', '/courses', student, { title: 'Nope' })).statusCode, 403);
    assert.equal((await api('POST', '/courses', undefined, { title: 'Nope' })).statusCode, 401);
  });

  test('an admin creates a course for an instructor; an instructor cannot', async () => {
    const forOther = await api('POST', '/courses', admin, { title: 'On behalf', instructor_id: owner.id });
    assert.equal(forOther.statusCode, 201, forOther.body);
    assert.equal(forOther.json().instructor_id, owner.id);
    assert.equal(
      (await api('POST', '/courses', otherInstructor, { title: 'Steal', instructor_id: owner.id })).statusCode,
      403,
    );
    assert.equal(
      (await api('POST', '/courses', admin, { title: 'To a student', instructor_id: student.id })).statusCode,
      422,
    );
  });

  test('bad values are validation errors', async () => {
    assert.equal((await api('POST', '/courses', owner, { title: '' })).statusCode, 422);
    assert.equal((await api('POST', '/courses', owner, { title: 'P', price: -1 })).statusCode, 422);
    assert.equal((await api('POST', '/courses', owner, { title: 'P', difficulty_level: 'godlike' })).statusCode, 422);
    assert.equal((await api('POST', '/courses', owner, { title: 'P', max_students: 0 })).statusCode, 422);
    assert.equal((await api('POST', '/courses', owner, { title: 'P', status: 'published' })).statusCode, 422);
  });

  test('get returns the lessons in order with 001 fields', async () => {
    const course = await createCourse(lectern, owner, { lessons: 3 });
    const response = await api('GET', `/courses/${course.id}`, owner);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(
      body.lessons.map((l: { id: string }) => l.id),
      course.lessonIds,
    );
    assert.deepEqual(
      body.lessons.map((l: { order: number }) => l.order),
      [1, 2, 3],
    );
    assert.equal(body.lessons[0].duration_minutes, 5);
    assert.equal(body.sections.length, 1);
    assert.equal(body.sections[0].lesson_count, 3);
  });
});

describe('status workflow and publishing', () => {
  test('a course without lessons cannot be published', async () => {
    const course = await createCourse(lectern, owner, { lessons: 0 });
    const response = await api('POST', `/courses/${course.id}/publish`, owner);
    assert.equal(response.statusCode, 409);
    assert.match(response.json().detail, /lesson/);
  });

  test('draft → review → published → archived → draft, and forbidden jumps', async () => {
    const course = await createCourse(lectern, owner, { lessons: 1 });
    const to = (status: string, user: TestUser = owner) =>
      api('POST', `/courses/${course.id}/status`, user, { status });
    assert.equal((await to('archived')).statusCode, 409);
    assert.equal((await to('review')).json().status, 'review');
    const published = await api('POST', `/courses/${course.id}/publish`, owner);
    assert.equal(published.statusCode, 200);
    assert.equal(published.json().is_published, true);
    assert.ok(published.json().published_at);
    assert.equal((await to('review')).statusCode, 409);
    assert.equal((await to('archived')).json().status, 'archived');
    assert.equal((await to('draft')).json().status, 'draft');
    const viaPatch = await api('PATCH', `/courses/${course.id}`, owner, { status: 'published' });
    assert.equal(viaPatch.json().status, 'published');
  });

  test('only staff change the status', async () => {
    const course = await createCourse(lectern, owner, { lessons: 1 });
    await addCoInstructor(course.id);
    assert.equal((await api('POST', `/courses/${course.id}/publish`, student)).statusCode, 403);
    assert.equal((await api('POST', `/courses/${course.id}/publish`, otherInstructor)).statusCode, 403);
    assert.equal((await api('POST', `/courses/${course.id}/publish`)).statusCode, 401);
    assert.equal((await api('POST', `/courses/${course.id}/publish`, coInstructor)).statusCode, 200);
    assert.equal((await api('POST', `/courses/${course.id}/status`, admin, { status: 'archived' })).statusCode, 200);
  });
});

describe('write authorization', () => {
  test('PATCH: owner, co-instructor and admin yes; another instructor, a student, anonymous no', async () => {
    const course = await createCourse(lectern, owner, { lessons: 1, publish: true });
    await addCoInstructor(course.id);
    const patch = (user?: TestUser) =>
      api('PATCH', `/courses/${course.id}`, user, { description: `by ${user?.id ?? 'nobody'}` });
    assert.equal((await patch(owner)).statusCode, 200);
    assert.equal((await patch(coInstructor)).statusCode, 200);
    assert.equal((await patch(admin)).statusCode, 200);
    assert.equal((await patch(otherInstructor)).statusCode, 403);
    assert.equal((await patch(student)).statusCode, 403);
    assert.equal((await patch()).statusCode, 401);
    const stored = await lectern.database.db
      .selectFrom('courses')
      .select('description')
      .where('id', '=', course.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.description, `by ${admin.id}`);
  });

  test('DELETE: refused to others, allowed to the owner; 404 after', async () => {
    const course = await createCourse(lectern, owner, { lessons: 1 });
    await addCoInstructor(course.id);
    assert.equal((await api('DELETE', `/courses/${course.id}`, otherInstructor)).statusCode, 403);
    assert.equal((await api('DELETE', `/courses/${course.id}`, student)).statusCode, 403);
    assert.equal((await api('DELETE', `/courses/${course.id}`)).statusCode, 401);
    assert.equal((await api('DELETE', `/courses/${course.id}`, owner)).statusCode, 204);
    assert.equal((await api('GET', `/courses/${course.id}`, owner)).statusCode, 404);
    const lessons = await lectern.database.db
      .selectFrom('lessons')
      .select('id')
      .where('course_id', '=', course.id)
      .execute();
    assert.equal(lessons.length, 0);
  });

  test('a course with enrolled students cannot be deleted', async () => {
    const course = await createCourse(lectern, owner, { lessons: 1, publish: true });
    await lectern.database.transaction((tx) => lectern.modules.catalog.reserveSeat(tx, course.id));
    const response = await api('DELETE', `/courses/${course.id}`, admin);
    assert.equal(response.statusCode, 409);
  });

  test('co-instructors: only the owner or an admin adds them; a co-instructor may step down', async () => {
    const course = await createCourse(lectern, owner, { lessons: 1, publish: true });
    assert.equal(
      (await api('POST', `/courses/${course.id}/instructors`, otherInstructor, { user_id: otherInstructor.id }))
        .statusCode,
      403,
    );
    assert.equal(
      (await api('POST', `/courses/${course.id}/instructors`, owner, { user_id: student.id })).statusCode,
      422,
    );
    await addCoInstructor(course.id);
    assert.equal(
      (await api('POST', `/courses/${course.id}/instructors`, coInstructor, { user_id: otherInstructor.id }))
        .statusCode,
      403,
    );
    const listed = await api('GET', `/courses/${course.id}/instructors`);
    assert.deepEqual(
      listed.json().items.map((i: { id: string; role: string }) => [i.id, i.role]),
      [
        [owner.id, 'owner'],
        [coInstructor.id, 'co_instructor'],
      ],
    );
    assert.equal(
      (await api('DELETE', `/courses/${course.id}/instructors/${coInstructor.id}`, coInstructor)).statusCode,
      200,
    );
    assert.equal((await api('PATCH', `/courses/${course.id}`, coInstructor, { description: 'gone' })).statusCode, 403);
  });
});

describe('visibility and listing', () => {
  test('drafts are visible to their staff and admins only', async () => {
    const draft = await createCourse(lectern, owner, { lessons: 1 });
    assert.equal((await api('GET', `/courses/${draft.id}`)).statusCode, 404);
    assert.equal((await api('GET', `/courses/${draft.id}`, student)).statusCode, 404);
    assert.equal((await api('GET', `/courses/${draft.id}`, otherInstructor)).statusCode, 404);
    assert.equal((await api('GET', `/courses/${draft.id}`, owner)).statusCode, 200);
    assert.equal((await api('GET', `/courses/${draft.id}`, admin)).statusCode, 200);

    const ids = async (user?: TestUser, query = '') =>
      (await api('GET', `/courses?page_size=100${query}`, user)).json().items.map((c: { id: string }) => c.id);
    assert.ok(!(await ids()).includes(draft.id));
    assert.ok(!(await ids(student)).includes(draft.id));
    assert.ok(!(await ids(otherInstructor)).includes(draft.id));
    assert.ok((await ids(owner)).includes(draft.id));
    assert.ok((await ids(admin)).includes(draft.id));
    assert.ok((await ids(owner, '&status=draft')).includes(draft.id));
    assert.deepEqual(await ids(student, '&status=draft'), []);
  });

  test('filters: category (with sub-categories), difficulty, instructor, mine, tag; pagination', async () => {
    const parent = await api('POST', '/categories', admin, { name: 'Music Filter Test' });
    const child = await api('POST', '/categories', admin, { name: 'Guitar Filter Test', parent_id: parent.json().id });
    const instructor = await createUser(lectern, { role: 'instructor' });
    const make = async (payload: object) => {
      const created = await api('POST', '/courses', instructor, { title: 'Filter course', ...payload });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as string;
      await api('POST', `/courses/${id}/lessons`, instructor, { title: 'L1' });
      assert.equal((await api('POST', `/courses/${id}/publish`, instructor)).statusCode, 200);
      return id;
    };
    const a = await make({ category: parent.json().id, difficulty_level: 'advanced', tags: ['filter-tag-z'] });
    const b = await make({ category: 'guitar-filter-test' });
    const c = await make({ difficulty_level: 'advanced' });
    const list = async (query: string, user: TestUser = student) => {
      const response = await api(
        'GET',
        `/courses?${query.includes('page_size') ? '' : 'page_size=100&'}${query}`,
        user,
      );
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };
    assert.deepEqual(
      new Set((await list(`category=music-filter-test`)).items.map((x: { id: string }) => x.id)),
      new Set([a, b]),
    );
    assert.deepEqual(
      (await list(`category=${child.json().id}`)).items.map((x: { id: string }) => x.id),
      [b],
    );
    assert.deepEqual(
      (await list(`category=Guitar%20Filter%20Test`)).items.map((x: { id: string }) => x.id),
      [b],
    );
    assert.deepEqual(
      new Set(
        (await list(`instructor=${instructor.id}&difficulty_level=advanced`)).items.map((x: { id: string }) => x.id),
      ),
      new Set([a, c]),
    );
    assert.deepEqual(
      (await list('tag=FILTER-TAG-Z')).items.map((x: { id: string }) => x.id),
      [a],
    );
    const mine = await list('mine=true', instructor);
    assert.equal(mine.total, 3);
    // Listed courses carry their owner's name (looked up in identity for the whole page).
    assert.deepEqual(
      mine.items.map((x: { instructor_name: string }) => x.instructor_name),
      ['Test User', 'Test User', 'Test User'],
    );
    assert.equal((await list('mine=true', student)).total, 0);
    const page = await list(`instructor=${instructor.id}&page=2&page_size=2`);
    assert.deepEqual([page.total, page.page, page.page_size, page.pages, page.items.length], [3, 2, 2, 2, 1]);
    const past = await list(`instructor=${instructor.id}&page=5&page_size=2`);
    assert.deepEqual([past.total, past.items.length], [3, 0]);
    assert.equal((await api('GET', '/courses?page_size=101')).statusCode, 422);
  });

  test('full-text search over title, description and lesson titles; sort by title and price', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const make = async (title: string, description: string, price: string) => {
      const created = await api('POST', '/courses', instructor, { title, description, price });
      const id = created.json().id as string;
      await api('POST', `/courses/${id}/lessons`, instructor, { title: 'Welcome' });
      await api('POST', `/courses/${id}/publish`, instructor);
      return id;
    };
    const guitar = await make('Zebra Guitars for beginners', 'Strumming and chords', '30');
    const piano = await make('Alpha Piano', 'Learn to play guitar-free music on keys', '10');
    const drums = await make('Mid Drums', 'Rhythm basics', '20');
    const search = async (query: string) =>
      (await api('GET', `/courses?page_size=100&instructor=${instructor.id}&${query}`))
        .json()
        .items.map((c: { id: string }) => c.id);
    assert.deepEqual(await search('q=guitar'), [guitar, piano]);
    assert.deepEqual(await search('search=strumming'), [guitar]);
    assert.deepEqual(await search('q=guitar%20-keys'), [guitar]);
    assert.deepEqual(await search('sort=title'), [piano, drums, guitar]);
    assert.deepEqual(await search('sort=price'), [piano, drums, guitar]);
    assert.deepEqual(await search('sort=price_desc'), [guitar, drums, piano]);

    // The index follows every change in the same transaction: lesson titles and course edits.
    const lesson = await api('POST', `/courses/${drums}/lessons`, instructor, { title: 'Polyrhythms workshop' });
    assert.equal(lesson.statusCode, 201);
    assert.deepEqual(await search('q=polyrhythm'), [drums]);
    await api('PATCH', `/lessons/${lesson.json().id}`, instructor, { title: 'Odd meters' });
    assert.deepEqual(await search('q=polyrhythm'), []);
    await api('PATCH', `/courses/${piano}`, instructor, { title: 'Alpha Harpsichord' });
    assert.deepEqual(await search('q=harpsichord'), [piano]);
    assert.deepEqual(await search('q=%22piano%22'), []);
  });
});

describe('capacity', () => {
  test('20 concurrent seat reservations fill exactly max_students seats', async () => {
    const course = await createCourse(lectern, owner, { lessons: 1, publish: true, maxStudents: 5 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        lectern.database.transaction((tx) => lectern.modules.catalog.reserveSeat(tx, course.id)),
      ),
    );
    assert.equal(results.filter(Boolean).length, 5);
    const summary = await lectern.modules.catalog.getCourseSummary(course.id);
    assert.equal(summary?.enrolled_count, 5);
    assert.equal((await api('PATCH', `/courses/${course.id}`, owner, { max_students: 4 })).statusCode, 409);
    await lectern.database.transaction((tx) => lectern.modules.catalog.releaseSeat(tx, course.id));
    assert.equal((await lectern.modules.catalog.getCourseSummary(course.id))?.enrolled_count, 4);
    assert.equal(await lectern.database.transaction((tx) => lectern.modules.catalog.reserveSeat(tx, course.id)), true);
  });

  test('schedule and session duration round-trip (004)', async () => {
    const created = await api('POST', '/courses', owner, {
      title: 'Piano sessions',
      session_duration_minutes: 90,
      max_students: 8,
      schedule: ['Tuesday 15:00', 'Thursday 15:00'],
    });
    const id = created.json().id;
    const patched = await api('PATCH', `/courses/${id}`, owner, { schedule: ['Friday 09:00'], max_students: null });
    assert.deepEqual(patched.json().schedule, ['Friday 09:00']);
    assert.equal(patched.json().max_students, null);
    assert.equal(patched.json().session_duration_minutes, 90);
  });

  test('module summaries for other modules', async () => {
    const course = await createCourse(lectern, owner, {
      lessons: 2,
      publish: true,
      price: '12.00',
      hasCertificate: true,
    });
    await addCoInstructor(course.id);
    const summary = await lectern.modules.catalog.getCourseSummary(course.id);
    assert.deepEqual(
      {
        status: summary?.status,
        owner: summary?.owner_id,
        co: summary?.instructor_ids,
        price: summary?.price,
        cert: summary?.has_certificate,
      },
      { status: 'published', owner: owner.id, co: [coInstructor.id], price: '12.00', cert: true },
    );
    assert.deepEqual(
      (await lectern.modules.catalog.listLessonIds(course.id)).map((l) => l.id),
      course.lessonIds,
    );
    const actor = (user: TestUser) => ({ id: user.id, role: user.role, sessionId: 'x' });
    assert.equal(await lectern.modules.catalog.isCourseStaff(actor(coInstructor), course.id), true);
    assert.equal(await lectern.modules.catalog.isCourseStaff(actor(otherInstructor), course.id), false);
    assert.equal(await lectern.modules.catalog.isCourseStaff(actor(admin), course.id), true);
    const lesson = await lectern.modules.catalog.getLessonSummary(course.lessonIds[0]!);
    assert.equal(lesson?.course_id, course.id);
  });
});

describe('publishing through a contract field, and certificates by default', () => {
  test('a status field publishes at once; the explicit publish action still needs a lesson', async () => {
    const course = await createCourse(lectern, owner, { lessons: 0 });
    assert.equal((await api('POST', `/courses/${course.id}/publish`, owner)).statusCode, 409);
    const patched = await api('PATCH', `/courses/${course.id}`, owner, { status: 'published' });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().status, 'published');
    assert.ok(patched.json().published_at);
    const seen = await lectern.app.inject({ method: 'GET', url: `/api/v1/courses/${course.id}` });
    assert.equal(seen.statusCode, 200, 'published courses are public');
  });

  test('a course created without has_certificate awards certificates', async () => {
    const created = await api('POST', '/courses', owner, { title: 'Certified by default' });
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().has_certificate, true);
    const off = await api('POST', '/courses', owner, { title: 'No certificate', has_certificate: false });
    assert.equal(off.json().has_certificate, false);
  });
});
