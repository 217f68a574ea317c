// Sections, lessons, ordering, moving, content gating and lesson resources through /api/v1.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { apiV1, createCourse } from '../helpers/catalog.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();
const [owner, coInstructor, otherInstructor, student, admin] = await Promise.all([
  createUser(lectern, { role: 'instructor' }),
  createUser(lectern, { role: 'instructor' }),
  createUser(lectern, { role: 'instructor' }),
  createUser(lectern, { role: 'student' }),
  createUser(lectern, { role: 'admin' }),
]);

const api = apiV1(lectern);

async function courseWithStaff(options: { lessons?: number; publish?: boolean } = {}) {
  const course = await createCourse(lectern, owner, { lessons: 3, ...options });
  assert.equal(
    (await api('POST', `/courses/${course.id}/instructors`, owner, { user_id: coInstructor.id })).statusCode,
    200,
  );
  return course;
}

const idsOf = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

describe('lessons', () => {
  test('create in 001 shape lands in the first section, created on demand', async () => {
    const course = await createCourse(lectern, owner, { lessons: 0 });
    const response = await api('POST', `/courses/${course.id}/lessons`, owner, {
      title: 'Introduction to Python',
      content_type: 'video',
      video_url: 'https://vimeo.com/123456',
      content: 'Welcome to the course...',
      duration_minutes: 15,
    });
    assert.equal(response.statusCode, 201, response.body);
    const lesson = response.json();
    assert.equal(lesson.content_type, 'video');
    assert.equal(lesson.duration_minutes, 15);
    assert.equal(lesson.duration_seconds, 900);
    assert.equal(lesson.order, 1);
    assert.equal(lesson.status, 'published');
    assert.equal(lesson.content, 'Welcome to the course...');
    const sections = (await api('GET', `/courses/${course.id}/sections`, owner)).json().items;
    assert.equal(sections.length, 1);
    assert.equal(sections[0].id, lesson.section_id);

    const list = await api('GET', `/courses/${course.id}/lessons`, owner);
    assert.deepEqual([list.json().total, list.json().page, list.json().page_size], [1, 1, 20]);
  });

  test('insert at an order, patch, delete renumbers', async () => {
    const course = await courseWithStaff();
    const inserted = await api('POST', `/courses/${course.id}/lessons`, coInstructor, { title: 'Inserted', order: 2 });
    assert.equal(inserted.statusCode, 201);
    assert.equal(inserted.json().order, 2);
    const listed = (await api('GET', `/courses/${course.id}/lessons`, owner)).json();
    assert.deepEqual(idsOf(listed), [
      course.lessonIds[0],
      inserted.json().id,
      course.lessonIds[1],
      course.lessonIds[2],
    ]);
    const patched = await api('PATCH', `/lessons/${inserted.json().id}`, admin, {
      title: 'Renamed',
      content_type: 'pdf',
      is_free_preview: true,
    });
    assert.equal(patched.statusCode, 200);
    assert.deepEqual(
      [patched.json().title, patched.json().content_type, patched.json().is_free_preview],
      ['Renamed', 'pdf', true],
    );
    assert.equal((await api('DELETE', `/lessons/${course.lessonIds[0]}`, owner)).statusCode, 204);
    const after = (await api('GET', `/courses/${course.id}/lessons`, owner)).json().items;
    assert.deepEqual(
      after.map((l: { order: number; position: number }) => [l.order, l.position]),
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
    );
    assert.equal((await api('GET', `/lessons/${course.lessonIds[0]}`, owner)).statusCode, 404);
  });

  test('PATCH /lessons/reorder takes every lesson exactly once', async () => {
    const course = await courseWithStaff();
    const [a, b, c] = course.lessonIds as [string, string, string];
    const reordered = await api('PATCH', '/lessons/reorder', owner, { course_id: course.id, lesson_ids: [c, a, b] });
    assert.equal(reordered.statusCode, 200, reordered.body);
    assert.deepEqual(idsOf(reordered.json()), [c, a, b]);
    assert.deepEqual(idsOf((await api('GET', `/courses/${course.id}/lessons`, owner)).json()), [c, a, b]);
    assert.equal(
      (await api('PATCH', '/lessons/reorder', owner, { course_id: course.id, lesson_ids: [c, a] })).statusCode,
      422,
    );
    assert.equal(
      (await api('PATCH', '/lessons/reorder', owner, { course_id: course.id, lesson_ids: [c, a, a] })).statusCode,
      422,
    );
    for (const user of [otherInstructor, student]) {
      assert.equal(
        (await api('PATCH', '/lessons/reorder', user, { course_id: course.id, lesson_ids: [a, b, c] })).statusCode,
        403,
      );
    }
    assert.equal(
      (await api('PATCH', '/lessons/reorder', undefined, { course_id: course.id, lesson_ids: [a, b, c] })).statusCode,
      401,
    );
    assert.equal(
      (await api('PATCH', '/lessons/reorder', coInstructor, { course_id: course.id, lesson_ids: [a, b, c] }))
        .statusCode,
      200,
    );
  });

  test('lesson writes: owner, co-instructor, admin yes; other instructor, student, anonymous no', async () => {
    const course = await courseWithStaff({ publish: true });
    const lessonId = course.lessonIds[0]!;
    const writes = [
      (user?: TestUser) => api('POST', `/courses/${course.id}/lessons`, user, { title: 'New' }),
      (user?: TestUser) => api('PATCH', `/lessons/${lessonId}`, user, { title: 'Changed' }),
      (user?: TestUser) =>
        api('POST', `/lessons/${lessonId}/move`, user, { section_id: course.sectionId, position: 1 }),
      (user?: TestUser) => api('POST', `/courses/${course.id}/sections`, user, { title: 'Extra' }),
      (user?: TestUser) =>
        api('POST', `/lessons/${lessonId}/resources`, user, { kind: 'link', url: 'https://example.com/cheatsheet' }),
    ];
    for (const write of writes) {
      assert.equal((await write(otherInstructor)).statusCode, 403);
      assert.equal((await write(student)).statusCode, 403);
      assert.equal((await write()).statusCode, 401);
      for (const user of [owner, coInstructor, admin]) assert.ok([200, 201].includes((await write(user)).statusCode));
    }
    for (const user of [otherInstructor, student])
      assert.equal((await api('DELETE', `/lessons/${lessonId}`, user)).statusCode, 403);
    assert.equal((await api('DELETE', `/lessons/${lessonId}`)).statusCode, 401);
    assert.equal((await api('DELETE', `/lessons/${lessonId}`, coInstructor)).statusCode, 204);
  });
});

describe('sections', () => {
  test('ordered, reorderable, lessons move between them', async () => {
    const course = await courseWithStaff();
    const second = await api('POST', `/courses/${course.id}/sections`, owner, {
      title: 'Advanced',
      description: 'Harder',
    });
    assert.equal(second.statusCode, 201);
    assert.equal(second.json().position, 2);
    const first = await api('POST', `/courses/${course.id}/sections`, owner, { title: 'Prelude', position: 1 });
    const order = (await api('GET', `/courses/${course.id}/sections`, owner))
      .json()
      .items.map((s: { id: string }) => s.id);
    assert.deepEqual(order, [first.json().id, course.sectionId, second.json().id]);

    const [a, b, c] = course.lessonIds as [string, string, string];
    const moved = await api('POST', `/lessons/${b}/move`, coInstructor, { section_id: second.json().id });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().section_id, second.json().id);
    assert.equal(moved.json().order, 3);
    const inSection = (await api('GET', `/sections/${course.sectionId}/lessons`, owner)).json().items;
    assert.deepEqual(
      inSection.map((l: { id: string; position: number }) => [l.id, l.position]),
      [
        [a, 1],
        [c, 2],
      ],
    );

    const reordered = await api('PATCH', `/courses/${course.id}/sections/reorder`, owner, {
      section_ids: [second.json().id, course.sectionId, first.json().id],
    });
    assert.equal(reordered.statusCode, 200);
    const lessons = (await api('GET', `/courses/${course.id}/lessons`, owner)).json().items;
    assert.deepEqual(
      lessons.map((l: { id: string; order: number }) => [l.id, l.order]),
      [
        [b, 1],
        [a, 2],
        [c, 3],
      ],
    );
    assert.equal(
      (await api('PATCH', `/courses/${course.id}/sections/reorder`, owner, { section_ids: [second.json().id] }))
        .statusCode,
      422,
    );
    assert.equal(
      (await api('PATCH', `/courses/${course.id}/sections/reorder`, otherInstructor, { section_ids: order }))
        .statusCode,
      403,
    );

    const other = await createCourse(lectern, owner, { lessons: 1 });
    assert.equal((await api('POST', `/lessons/${a}/move`, owner, { section_id: other.sectionId })).statusCode, 404);

    const renamed = await api('PATCH', `/sections/${first.json().id}`, coInstructor, { title: 'Overture' });
    assert.equal(renamed.json().title, 'Overture');
    assert.equal((await api('PATCH', `/sections/${first.json().id}`, student, { title: 'x' })).statusCode, 403);
    assert.equal((await api('DELETE', `/sections/${second.json().id}`, otherInstructor)).statusCode, 403);
    assert.equal((await api('DELETE', `/sections/${second.json().id}`, owner)).statusCode, 204);
    assert.equal((await api('GET', `/lessons/${b}`, owner)).statusCode, 404);
    const positions = (await api('GET', `/courses/${course.id}/sections`, owner))
      .json()
      .items.map((s: { position: number }) => s.position);
    assert.deepEqual(positions, [1, 2]);
  });
});

describe('reading content', () => {
  test('anonymous and students see the outline; content only for free previews, enrolled students and staff', async () => {
    const course = await courseWithStaff({ publish: true });
    const [locked, preview] = course.lessonIds as [string, string];
    await api('PATCH', `/lessons/${preview}`, owner, { is_free_preview: true });

    for (const user of [undefined, student, otherInstructor]) {
      const list = (await api('GET', `/courses/${course.id}/lessons`, user)).json().items;
      assert.deepEqual(
        list.map((l: { can_access: boolean }) => l.can_access),
        [false, true, false],
      );
      assert.equal(list[0].content, null);
      assert.equal(list[1].content, 'Content of lesson 2');
      const denied = await api('GET', `/lessons/${locked}`, user);
      assert.equal(denied.statusCode, 403);
      assert.equal((await api('GET', `/lessons/${preview}`, user)).statusCode, 200);
      assert.equal((await api('GET', `/lessons/${locked}/resources`, user)).statusCode, 403);
    }
    for (const user of [owner, coInstructor, admin]) {
      const lesson = await api('GET', `/lessons/${locked}`, user);
      assert.equal(lesson.statusCode, 200);
      assert.equal(lesson.json().content, 'Content of lesson 1');
    }

    const enrolled = await createUser(lectern);
    const enrolment = await api('POST', '/enrollments', enrolled, { course_id: course.id });
    assert.equal(enrolment.statusCode, 201, enrolment.body);
    const read = await api('GET', `/lessons/${locked}`, enrolled);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().content, 'Content of lesson 1');
  });

  test('draft lessons and draft courses stay hidden from everyone but staff', async () => {
    const course = await courseWithStaff({ publish: true });
    const draft = await api('POST', `/courses/${course.id}/lessons`, owner, {
      title: 'Work in progress',
      status: 'draft',
      is_free_preview: true,
    });
    assert.equal((await api('GET', `/lessons/${draft.json().id}`, student)).statusCode, 404);
    assert.equal((await api('GET', `/courses/${course.id}/lessons`, student)).json().total, 3);
    assert.equal((await api('GET', `/courses/${course.id}/lessons`, owner)).json().total, 4);
    assert.deepEqual(
      (await lectern.modules.catalog.listLessonIds(course.id)).map((l) => l.id),
      course.lessonIds,
    );

    const hidden = await createCourse(lectern, owner, { lessons: 1 });
    await api('PATCH', `/lessons/${hidden.lessonIds[0]}`, owner, { is_free_preview: true });
    assert.equal((await api('GET', `/lessons/${hidden.lessonIds[0]}`, student)).statusCode, 404);
    assert.equal((await api('GET', `/courses/${hidden.id}/lessons`)).statusCode, 404);
    assert.equal((await api('GET', `/courses/${hidden.id}/sections`, student)).statusCode, 404);
  });
});

describe('lesson resources', () => {
  test('links attach to a lesson, are read with it, and are removed by staff', async () => {
    const course = await courseWithStaff({ publish: true });
    const lessonId = course.lessonIds[1]!;
    await api('PATCH', `/lessons/${lessonId}`, owner, { is_free_preview: true });
    const created = await api('POST', `/lessons/${lessonId}/resources`, coInstructor, {
      kind: 'link',
      title: 'Cheat sheet',
      url: 'https://example.com/sheet.pdf',
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual([created.json().kind, created.json().title, created.json().position], ['link', 'Cheat sheet', 1]);
    assert.equal(
      (await api('POST', `/lessons/${lessonId}/resources`, owner, { kind: 'link', url: 'javascript:alert(1)' }))
        .statusCode,
      422,
    );
    assert.equal((await api('POST', `/lessons/${lessonId}/resources`, owner, { kind: 'file' })).statusCode, 422);
    const listed = await api('GET', `/lessons/${lessonId}/resources`);
    assert.deepEqual(idsOf(listed.json()), [created.json().id]);
    assert.equal((await api('DELETE', `/resources/${created.json().id}`, student)).statusCode, 403);
    assert.equal((await api('DELETE', `/resources/${created.json().id}`, otherInstructor)).statusCode, 403);
    assert.equal((await api('DELETE', `/resources/${created.json().id}`, owner)).statusCode, 204);
    assert.equal((await api('DELETE', `/resources/${created.json().id}`, owner)).statusCode, 404);
  });

  test("a file resource takes a file the instructor uploaded; another user's file is not found", async () => {
    const course = await courseWithStaff();
    const upload = async (user: TestUser) => {
      const boundary = '----lectern';
      const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notes.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n\r\n--${boundary}--\r\n`;
      return lectern.app.inject({
        method: 'POST',
        url: '/api/v1/files/upload',
        headers: { ...user.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body,
      });
    };
    const mine = await upload(owner);
    assert.equal(mine.statusCode, 201, mine.body);
    const created = await api('POST', `/lessons/${course.lessonIds[0]}/resources`, owner, {
      kind: 'file',
      file_id: mine.json().id,
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().title, 'notes.pdf');
    assert.equal(created.json().content_type, 'application/pdf');
    const theirs = await upload(otherInstructor);
    assert.equal(
      (
        await api('POST', `/lessons/${course.lessonIds[0]}/resources`, owner, {
          kind: 'file',
          file_id: theirs.json().id,
        })
      ).statusCode,
      404,
    );
  });
});
