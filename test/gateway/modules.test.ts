// 000's courses ("modules") and lessons under /api/v1/content: shapes, who may do what, 000's
// error format, and the same course seen through 001.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import { createCast } from '../helpers/factories.ts';
import { assertGatewayError, gatewayClient, gatewayCourse } from './gateway-helpers.ts';

const lectern = await startTestApp();
const req = gatewayClient(lectern);
const { owner: teacher, otherInstructor: otherTeacher, admin, studentA, studentB } = await createCast(lectern);

describe('000 modules', () => {
  it('creates a course as a teacher and lists it, published, with lessons and totals', async () => {
    const created = await req('POST', '/content/admin/courses', teacher, {
      name: 'React Masterclass',
      description: 'Hooks and all',
      price: 99.99,
      image_url: 'https://example.com/react.jpg',
    });
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json();
    assert.equal(body.message, 'Course created successfully');
    assert.equal(created.headers['location'], `/api/v1/content/modules/${body.id}`);
    assert.equal(body.course.name, 'React Masterclass');
    assert.equal(body.course.price, 99.99);
    assert.equal(body.course.image_url, 'https://example.com/react.jpg');
    assert.equal(body.course.instructor_id, teacher.id);
    assert.equal(body.course.is_published, false);
    assert.equal(body.course.total_lessons, 0);

    // A draft is its staff's only.
    assertGatewayError(await req('GET', `/content/modules/${body.id}`), 404, 'NOT_FOUND');
    assert.equal((await req('GET', `/content/modules/${body.id}`, teacher)).statusCode, 200);

    for (const [i, duration] of [1800, 1200].entries()) {
      const lesson = await req('POST', '/content/lessons', teacher, {
        course_id: body.id,
        title: `Part ${i + 1}`,
        description: 'Watch it',
        video_url: `https://vimeo.com/55${i}`,
        video_type: 'vimeo',
        vimeo_id: `55${i}`,
        duration,
      });
      assert.equal(lesson.statusCode, 201, lesson.body);
      assert.equal(lesson.json().message, 'Lesson created successfully');
      assert.equal(lesson.json().lesson.order, i + 1);
    }
    const publish = await req('PUT', `/content/admin/courses/${body.id}`, teacher, { is_published: true });
    assert.equal(publish.statusCode, 200, publish.body);
    assert.equal(publish.json().message, 'Course updated successfully');
    assert.equal(publish.json().course.is_published, true);

    const list = await req('GET', '/content/modules?search=React%20Masterclass');
    assert.equal(list.statusCode, 200);
    assert.equal(list.headers['x-total-count'], '1');
    const [module] = list.json();
    assert.deepEqual(Object.keys(module).sort(), [
      'created_at',
      'description',
      'id',
      'image_url',
      'instructor_id',
      'instructor_name',
      'is_published',
      'lessons',
      'name',
      'price',
      'total_duration',
      'total_lessons',
    ]);
    assert.equal(module.total_lessons, 2);
    assert.equal(module.total_duration, 3000);
    assert.equal(module.instructor_name, 'Test User');
    assert.deepEqual(
      module.lessons.map((l: { title: string; order: number; duration: number }) => [l.title, l.order, l.duration]),
      [
        ['Part 1', 1, 1800],
        ['Part 2', 2, 1200],
      ],
    );
    // Not enrolled: the outline, not the video.
    assert.equal(module.lessons[0].video_url, null);

    const detail = await req('GET', `/content/modules/${body.id}`, studentA);
    assert.equal(detail.statusCode, 200);
    assert.deepEqual(detail.json().instructor, { id: teacher.id, name: 'Test User' });
    assert.equal(detail.json().lessons.length, 2);
  });

  it('pages the module list', async () => {
    await gatewayCourse(lectern, teacher, { lessons: 1 });
    await gatewayCourse(lectern, teacher, { lessons: 1 });
    const first = await req('GET', '/content/modules?limit=1&page=1');
    const second = await req('GET', '/content/modules?limit=1&page=2');
    assert.equal(first.json().length, 1);
    assert.equal(second.json().length, 1);
    assert.notEqual(first.json()[0].id, second.json()[0].id);
    assert.ok(Number(first.headers['x-total-count']) >= 3);
    assertGatewayError(await req('GET', '/content/modules?limit=500'), 422, 'VALIDATION_ERROR');
  });

  it('lets only teachers and admins manage courses, each teacher only their own', async () => {
    const course = await gatewayCourse(lectern, teacher, { lessons: 1 });
    assertGatewayError(await req('POST', '/content/admin/courses', null, { name: 'X' }), 401);
    assertGatewayError(await req('POST', '/content/admin/courses', studentA, { name: 'X' }), 403);
    assertGatewayError(await req('PUT', `/content/admin/courses/${course.id}`, otherTeacher, { name: 'Mine' }), 403);
    assertGatewayError(await req('PUT', `/content/admin/courses/${course.id}`, studentB, { name: 'Mine' }), 403);
    const byAdmin = await req('PUT', `/content/admin/courses/${course.id}`, admin, { name: 'Renamed', price: 10 });
    assert.equal(byAdmin.statusCode, 200);
    assert.equal(byAdmin.json().course.name, 'Renamed');
    assert.equal(byAdmin.json().course.price, 10);

    // Only an admin may name another instructor.
    assertGatewayError(
      await req('POST', '/content/admin/courses', otherTeacher, { name: 'For him', instructor_id: teacher.id }),
      403,
    );
    const forTeacher = await req('POST', '/content/admin/courses', admin, {
      name: 'For her',
      instructor_id: teacher.id,
    });
    assert.equal(forTeacher.statusCode, 201);
    assert.equal(forTeacher.json().course.instructor_id, teacher.id);

    // Deleting is the admins'.
    assertGatewayError(await req('DELETE', `/content/admin/courses/${course.id}`, teacher), 403);
    const deleted = await req('DELETE', `/content/admin/courses/${forTeacher.json().id}`, admin);
    assert.equal(deleted.statusCode, 200);
    assert.deepEqual(deleted.json(), { message: 'Course deleted successfully' });
    assertGatewayError(await req('GET', `/content/modules/${forTeacher.json().id}`, admin), 404);
  });

  it("answers in 000's format for unknown ids, bad input and enrolled courses", async () => {
    const missing = randomUUID();
    assertGatewayError(await req('GET', `/content/modules/${missing}`), 404, 'NOT_FOUND');
    assertGatewayError(await req('PUT', `/content/admin/courses/${missing}`, admin, { name: 'X' }), 404);
    assertGatewayError(await req('DELETE', `/content/admin/courses/${missing}`, admin), 404);
    const invalid = await req('POST', '/content/admin/courses', teacher, { description: 'no name', price: -1 });
    assertGatewayError(invalid, 422, 'VALIDATION_ERROR');
    const fields = (invalid.json().detail as { field: string }[]).map((d) => d.field).sort();
    assert.ok(fields.includes('name'), JSON.stringify(fields));

    // A course with students is not deleted: the catalog's rule, in 000's format.
    const course = await gatewayCourse(lectern, teacher, { lessons: 1 });
    assert.equal((await req('POST', `/content/courses/${course.id}/enroll`, studentA)).statusCode, 201);
    assertGatewayError(
      await req('DELETE', `/content/admin/courses/${course.id}`, admin),
      409,
      'CATALOG_COURSE_HAS_ENROLLMENTS',
    );
  });

  it('shows a course made through 000 on 001 and one made through 001 on 000', async () => {
    const through000 = await gatewayCourse(lectern, teacher, { lessons: 2, price: 49.5 });
    const on001 = await lectern.app.inject({ method: 'GET', url: `/api/v1/courses/${through000.id}` });
    assert.equal(on001.statusCode, 200);
    assert.equal(on001.json().instructor_id, teacher.id);
    assert.equal(on001.json().price, '49.50');
    assert.equal(on001.json().lessons.length, 2);

    const through001 = await createCourse(lectern, otherTeacher, { publish: true, lessons: 3, title: 'Made on 001' });
    const on000 = await req('GET', `/content/modules/${through001.id}`);
    assert.equal(on000.statusCode, 200);
    assert.equal(on000.json().name, 'Made on 001');
    assert.equal(on000.json().total_lessons, 3);
    assert.equal(on000.json().total_duration, 900);
    assert.equal(on000.json().instructor.id, otherTeacher.id);
  });
});

describe('000 lessons', () => {
  it('lists the lessons of a course in order, video only for those who may watch it', async () => {
    const course = await gatewayCourse(lectern, teacher, { lessons: 2 });
    assertGatewayError(await req('GET', `/content/lessons?course_id=${course.id}`), 401);
    const asStudent = await req('GET', `/content/lessons?course_id=${course.id}`, studentA);
    assert.equal(asStudent.statusCode, 200);
    assert.deepEqual(Object.keys(asStudent.json()[0]).sort(), [
      'course_id',
      'description',
      'duration',
      'id',
      'is_free_preview',
      'is_published',
      'order',
      'title',
      'video_type',
      'video_url',
      'vimeo_id',
    ]);
    assert.equal(asStudent.json()[0].video_url, null);
    assert.equal(asStudent.json()[0].video_type, 'vimeo');
    const asTeacher = await req('GET', `/content/lessons?course_id=${course.id}`, teacher);
    assert.equal(asTeacher.json()[0].video_url, 'https://vimeo.com/100001');
    assert.equal(asTeacher.json()[0].vimeo_id, '100001');

    // Without course_id: every course the caller can see.
    const all = await req('GET', '/content/lessons', studentB);
    assert.equal(all.statusCode, 200);
    assert.ok(course.lessonIds.every((id) => all.json().some((l: { id: string }) => l.id === id)));
    assertGatewayError(await req('GET', `/content/lessons?course_id=${randomUUID()}`, studentA), 404);
  });

  it('creates, reorders, hides and deletes lessons as the course staff only', async () => {
    const course = await gatewayCourse(lectern, teacher, { lessons: 2, video: false });
    const body = { course_id: course.id, title: 'Extra', duration: 60 };
    assertGatewayError(await req('POST', '/content/lessons', studentA, body), 403);
    assertGatewayError(await req('POST', '/content/lessons', otherTeacher, body), 403);
    assertGatewayError(await req('POST', '/content/lessons', null, body), 401);
    const byAdmin = await req('POST', '/content/lessons', admin, { ...body, order: 1, is_published: false });
    assert.equal(byAdmin.statusCode, 201, byAdmin.body);
    assert.equal(byAdmin.json().lesson.order, 1);
    const extra = byAdmin.json().id as string;

    // A draft lesson is hidden from students.
    const forStudent = await req('GET', `/content/lessons?course_id=${course.id}`, studentA);
    assert.deepEqual(
      forStudent.json().map((l: { id: string }) => l.id),
      course.lessonIds,
    );

    const id = course.lessonIds[1]!;
    assertGatewayError(await req('PUT', `/content/lessons/${id}`, otherTeacher, { title: 'Nope' }), 403);
    assertGatewayError(await req('PUT', `/content/lessons/${id}`, studentA, { title: 'Nope' }), 403);
    const moved = await req('PUT', `/content/lessons/${id}`, teacher, { title: 'Now first', order: 1 });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().message, 'Lesson updated successfully');
    assert.equal(moved.json().lesson.title, 'Now first');
    assert.equal(moved.json().lesson.order, 1);

    assertGatewayError(await req('DELETE', `/content/lessons/${extra}`, otherTeacher), 403);
    const deleted = await req('DELETE', `/content/lessons/${extra}`, teacher);
    assert.deepEqual(deleted.json(), { message: 'Lesson deleted successfully' });
    assertGatewayError(await req('DELETE', `/content/lessons/${extra}`, teacher), 404);
    assertGatewayError(await req('PUT', `/content/lessons/${randomUUID()}`, admin, { title: 'X' }), 404);
    assertGatewayError(await req('POST', '/content/lessons', teacher, { course_id: course.id }), 422);
  });
});
