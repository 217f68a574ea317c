import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createAssessmentPolicy } from '../../src/modules/assessment/assessment.policy.ts';
import type { DomainError } from '../../src/platform/errors.ts';
import { admin, instructor, otherInstructor, otherStudent, student } from './actors.ts';
import { fakeCatalog } from './fake-catalog.ts';

const catalog = fakeCatalog({ staff: { 'course-1': [instructor.id] } });
const policy = createAssessmentPolicy({
  catalog: {
    ...catalog,
    getCourseSummary: async (courseId) => (courseId === 'course-1' ? { id: courseId, status: 'published' } : undefined),
    getLessonSummary: async () => undefined,
  },
  learning: { isEnrolled: async (userId, courseId) => userId === student.id && courseId === 'course-1' },
});

const rejects = (promise: Promise<unknown>, kind: string) =>
  assert.rejects(promise, (error: DomainError) => error.kind === kind);

describe('assessment policy', () => {
  it('lets the course staff and admins manage, nobody else', async () => {
    assert.equal(await policy.isStaff(instructor, 'course-1'), true);
    assert.equal(await policy.isStaff(admin, 'course-1'), true);
    assert.equal(await policy.isStaff(otherInstructor, 'course-1'), false);
    await policy.assertStaff(instructor, 'course-1');
    await rejects(policy.assertStaff(student, 'course-1'), 'forbidden');
  });

  it("answers 404 for a missing course before 403 for someone else's", async () => {
    await policy.courseForStaff(admin, 'course-1');
    await rejects(policy.courseForStaff(admin, 'course-2'), 'not_found');
    await rejects(policy.courseForStaff(otherInstructor, 'course-1'), 'forbidden');
  });

  it('knows enrolled students', async () => {
    assert.equal(await policy.isEnrolled(student, 'course-1'), true);
    assert.equal(await policy.isEnrolled(otherStudent, 'course-1'), false);
  });

  it('lets only admins grade their own attempts and list every quiz', () => {
    assert.deepEqual([admin, instructor, student].map(policy.mayGradeOwnWork), [true, false, false]);
    assert.deepEqual([admin, instructor, student].map(policy.seesAllQuizzes), [true, false, false]);
  });

  it("scopes a teacher's overview to the courses they teach, an admin's to all, and refuses students", async () => {
    assert.deepEqual(await policy.teachingScope(instructor), ['course-1']);
    assert.deepEqual(await policy.teachingScope(otherInstructor), []);
    assert.equal(await policy.teachingScope(admin), null);
    await assert.rejects(policy.teachingScope(student), (error: { kind: string }) => error.kind === 'forbidden');
  });
});
