import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast } from '../helpers/factories.ts';
import { enrol, makeCourse } from './learning-helpers.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern);

const inject = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  lectern.app.inject({ method, url: `/api/v1${url}`, headers: user.auth, ...(payload ? { payload } : {}) });

const course = await makeCourse(lectern, owner, { lessons: 2 });
const otherCourse = await makeCourse(lectern, owner, { lessons: 1 });
const enrollmentA = await enrol(lectern, studentA, course.id);
const enrollmentB = await enrol(lectern, studentB, course.id);

for (const kind of [
  { path: 'bookmarks', text: 'title', first: 'Important concept', second: 'Key formula' },
  { path: 'notes', text: 'content', first: 'Remember the base case', second: 'Recursion needs a base case' },
] as const) {
  describe(kind.path, () => {
    it('creates, lists per enrolment (filtered by lesson), reads, updates and deletes', async () => {
      const created = await inject(studentA, 'POST', `/enrollments/${enrollmentA.id}/${kind.path}`, {
        lesson_id: course.lessonIds[0],
        timestamp_seconds: 180,
        [kind.text]: kind.first,
      });
      assert.equal(created.statusCode, 201, created.body);
      const item = created.json();
      assert.equal(item.enrollment_id, enrollmentA.id);
      assert.equal(item.lesson_id, course.lessonIds[0]);
      assert.equal(item.timestamp_seconds, 180);
      assert.equal(item[kind.text], kind.first);
      await inject(studentA, 'POST', `/enrollments/${enrollmentA.id}/${kind.path}`, {
        lesson_id: course.lessonIds[1],
        timestamp_seconds: 5,
        [kind.text]: 'other lesson',
      });

      const list = await inject(studentA, 'GET', `/enrollments/${enrollmentA.id}/${kind.path}`);
      assert.equal(list.statusCode, 200);
      assert.equal(list.json().total, 2);
      const filtered = await inject(
        studentA,
        'GET',
        `/enrollments/${enrollmentA.id}/${kind.path}?lesson_id=${course.lessonIds[0]}`,
      );
      assert.deepEqual(
        filtered.json().items.map((i: { id: string }) => i.id),
        [item.id],
      );

      assert.equal((await inject(studentA, 'GET', `/${kind.path}/${item.id}`)).json()[kind.text], kind.first);
      const updated = await inject(studentA, 'PATCH', `/${kind.path}/${item.id}`, {
        [kind.text]: kind.second,
        timestamp_seconds: 200,
      });
      assert.equal(updated.statusCode, 200);
      assert.equal(updated.json()[kind.text], kind.second);
      assert.equal(updated.json().timestamp_seconds, 200);
      assert.equal((await inject(studentA, 'DELETE', `/${kind.path}/${item.id}`)).statusCode, 204);
      assert.equal((await inject(studentA, 'GET', `/${kind.path}/${item.id}`)).statusCode, 404);
    });

    it('validates the lesson and the body', async () => {
      const foreignLesson = await inject(studentA, 'POST', `/enrollments/${enrollmentA.id}/${kind.path}`, {
        lesson_id: otherCourse.lessonIds[0],
        [kind.text]: 'x',
      });
      assert.equal(foreignLesson.statusCode, 404);
      const empty = await inject(studentA, 'POST', `/enrollments/${enrollmentA.id}/${kind.path}`, {
        lesson_id: course.lessonIds[0],
        [kind.text]: '',
      });
      assert.equal(empty.statusCode, 422);
      const extra = await inject(studentA, 'POST', `/enrollments/${enrollmentA.id}/${kind.path}`, {
        lesson_id: course.lessonIds[0],
        [kind.text]: 'x',
        user_id: studentB.id,
      });
      assert.equal(extra.statusCode, 422);
    });

    it("is strictly private: another student, an instructor (even the course's) and an admin get 404", async () => {
      const item = (
        await inject(studentA, 'POST', `/enrollments/${enrollmentA.id}/${kind.path}`, {
          lesson_id: course.lessonIds[0],
          [kind.text]: 'private',
        })
      ).json();
      for (const intruder of [studentB, otherInstructor, owner, admin]) {
        assert.equal((await inject(intruder, 'GET', `/${kind.path}/${item.id}`)).statusCode, 404, intruder.email);
        assert.equal(
          (await inject(intruder, 'PATCH', `/${kind.path}/${item.id}`, { [kind.text]: 'hijacked' })).statusCode,
          404,
        );
        assert.equal((await inject(intruder, 'DELETE', `/${kind.path}/${item.id}`)).statusCode, 404);
        assert.equal((await inject(intruder, 'GET', `/enrollments/${enrollmentA.id}/${kind.path}`)).statusCode, 404);
        const planted = await inject(intruder, 'POST', `/enrollments/${enrollmentA.id}/${kind.path}`, {
          lesson_id: course.lessonIds[0],
          [kind.text]: 'planted',
        });
        assert.equal(planted.statusCode, 404);
      }
      assert.equal((await inject(studentA, 'GET', `/${kind.path}/${item.id}`)).json()[kind.text], 'private');
      const bList = await inject(studentB, 'GET', `/enrollments/${enrollmentB.id}/${kind.path}`);
      assert.equal(bList.statusCode, 200);
      assert.equal(
        bList.json().items.some((i: { id: string }) => i.id === item.id),
        false,
      );
    });
  });
}
