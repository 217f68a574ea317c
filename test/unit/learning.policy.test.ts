import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createLearningPolicy } from '../../src/modules/learning/learning.policy.ts';
import { admin, instructor, otherInstructor, otherStudent, student } from './actors.ts';
import { fakeCatalog } from './fake-catalog.ts';

const catalog = fakeCatalog({ staff: { 'course-1': [instructor.id] } });
const policy = createLearningPolicy(catalog);
const enrollment = { user_id: student.id, course_id: 'course-1' };

describe('learning policy', () => {
  it('shows an enrolment to its student, the course staff and admins', async () => {
    assert.equal(await policy.canReadEnrollment(student, enrollment), true);
    assert.equal(await policy.canReadEnrollment(instructor, enrollment), true);
    assert.equal(await policy.canReadEnrollment(admin, enrollment), true);
    assert.equal(await policy.canReadEnrollment(otherStudent, enrollment), false);
    assert.equal(await policy.canReadEnrollment(otherInstructor, enrollment), false);
  });

  it('asks the catalog about staff only when the actor is not the student', async () => {
    catalog.calls.length = 0;
    await policy.canReadEnrollment(student, enrollment);
    assert.deepEqual(catalog.calls, []);
    await policy.canReadEnrollment(otherStudent, enrollment);
    assert.deepEqual(catalog.calls, [`isCourseStaff ${otherStudent.id} course-1`]);
  });

  it('leaves rosters and comp seats to the course staff, payments and revocations to admins', async () => {
    assert.equal(await policy.canManageCourseLearning(instructor, 'course-1'), true);
    assert.equal(await policy.canManageCourseLearning(admin, 'course-1'), true);
    assert.equal(await policy.canManageCourseLearning(otherInstructor, 'course-1'), false);
    assert.deepEqual([admin, instructor, student].map(policy.canHandlePayments), [true, false, false]);
    assert.deepEqual([admin, instructor, student].map(policy.canRevokeCertificate), [true, false, false]);
  });

  it('issues a certificate to its student or through an admin, never through course staff', () => {
    assert.equal(policy.canIssueCertificate(student, enrollment), true);
    assert.equal(policy.canIssueCertificate(admin, enrollment), true);
    assert.equal(policy.canIssueCertificate(instructor, enrollment), false);
    assert.equal(policy.canIssueCertificate(otherStudent, enrollment), false);
  });

  it('shows a certificate to its holder, the course staff and admins', async () => {
    assert.equal(await policy.canReadCertificate(student, enrollment), true);
    assert.equal(await policy.canReadCertificate(instructor, enrollment), true);
    assert.equal(await policy.canReadCertificate(admin, enrollment), true);
    assert.equal(await policy.canReadCertificate(otherStudent, enrollment), false);
  });

  it("scopes a teacher's overview to the courses they teach, an admin's to all, and refuses students", async () => {
    assert.deepEqual(await policy.teachingScope(instructor), ['course-1']);
    assert.deepEqual(await policy.teachingScope(otherInstructor), []);
    assert.equal(await policy.teachingScope(admin), null);
    await assert.rejects(policy.teachingScope(student), (error: { kind: string }) => error.kind === 'forbidden');
  });
});
