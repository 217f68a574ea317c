// 000's cross-course listings, answered by one catalog query per page: modules with their lessons,
// and lessons without `course_id`. Who sees which lesson, which video, in which order and page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { gatewayClient, gatewayCourse } from './gateway-helpers.ts';

const lectern = await startTestApp();
const req = gatewayClient(lectern);
const { owner: teacher, otherInstructor: otherTeacher, admin, studentA, studentB } = await createCast(lectern);

// Oldest first: `older` (2 lessons), a draft of the teacher's (1), `newer` of the other teacher
// (3, the last one hidden, the first a free preview).
const older = await gatewayCourse(lectern, teacher, { lessons: 2 });
lectern.clock.advance(1000);
const draft = await gatewayCourse(lectern, teacher, { lessons: 1, publish: false });
lectern.clock.advance(1000);
const newer = await gatewayCourse(lectern, otherTeacher, { lessons: 3 });
for (const [lessonId, change] of [
  [newer.lessonIds[0], { is_free_preview: true }],
  [newer.lessonIds[2], { is_published: false }],
] as const)
  assert.equal((await req('PUT', `/content/lessons/${lessonId}`, otherTeacher, change)).statusCode, 200);
assert.equal((await req('POST', `/content/courses/${older.id}/enroll`, studentA)).statusCode, 201);

type Row = { id: string; course_id: string; order: number; video_url: string | null };
const rows = (response: { json: () => unknown }) =>
  (response.json() as Row[]).map((l) => [l.id, l.order, l.video_url !== null]);

describe('000 lessons across courses', () => {
  it('lists published lessons of published courses, newest course first, video where allowed', async () => {
    const listed = await req('GET', '/content/lessons', studentA);
    assert.equal(listed.statusCode, 200, listed.body);
    assert.deepEqual(rows(listed), [
      [newer.lessonIds[0], 1, true], // free preview
      [newer.lessonIds[1], 2, false],
      [older.lessonIds[0], 1, true], // enrolled
      [older.lessonIds[1], 2, true],
    ]);
    // B is enrolled nowhere: only the free preview's video.
    assert.deepEqual(rows(await req('GET', '/content/lessons', studentB)), [
      [newer.lessonIds[0], 1, true],
      [newer.lessonIds[1], 2, false],
      [older.lessonIds[0], 1, false],
      [older.lessonIds[1], 2, false],
    ]);
    // Pages cut across courses.
    assert.deepEqual(rows(await req('GET', '/content/lessons?limit=3&page=2', studentA)), [
      [older.lessonIds[1], 2, true],
    ]);
  });

  it("adds the caller's own drafts and hidden lessons, every lesson for an admin", async () => {
    assert.deepEqual(rows(await req('GET', '/content/lessons', teacher)), [
      [newer.lessonIds[0], 1, true],
      [newer.lessonIds[1], 2, false],
      [draft.lessonIds[0], 1, true],
      [older.lessonIds[0], 1, true],
      [older.lessonIds[1], 2, true],
    ]);
    assert.deepEqual(rows(await req('GET', '/content/lessons', otherTeacher)), [
      [newer.lessonIds[0], 1, true],
      [newer.lessonIds[1], 2, true],
      [newer.lessonIds[2], 3, true],
      [older.lessonIds[0], 1, false],
      [older.lessonIds[1], 2, false],
    ]);
    assert.equal((await req('GET', '/content/lessons', admin)).json().length, 6);
  });
});

describe('000 modules with their lessons', () => {
  it('gives each module of the page its visible lessons and the videos the caller may watch', async () => {
    const listed = await req('GET', '/content/modules', studentA);
    assert.equal(listed.headers['x-total-count'], '2');
    const modules = listed.json() as { id: string; lessons: Row[]; total_lessons: number; total_duration: number }[];
    assert.deepEqual(
      modules.map((m) => [m.id, m.total_lessons, m.total_duration]),
      [
        [newer.id, 2, 1200],
        [older.id, 2, 1200],
      ],
    );
    assert.deepEqual(
      modules[0]!.lessons.map((l) => [l.order, l.video_url !== null]),
      [
        [1, true],
        [2, false],
      ],
    );
    assert.deepEqual(
      modules[1]!.lessons.map((l) => [l.order, l.video_url !== null]),
      [
        [1, true],
        [2, true],
      ],
    );
    // The course's own teacher sees its hidden lesson in the listing too; anonymous callers no video.
    const asOwner = (await req('GET', '/content/modules', otherTeacher)).json()[0];
    assert.equal(asOwner.total_lessons, 3);
    const anonymous = (await req('GET', '/content/modules?limit=1&page=2')).json();
    assert.deepEqual(
      anonymous[0].lessons.map((l: Row) => l.video_url),
      [null, null],
    );
  });
});
