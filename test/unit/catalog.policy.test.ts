import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  canAddInstructor,
  canChangeOwner,
  canCreateCourse,
  canCreateCourseFor,
  canCreateTag,
  canDeleteTag,
  canManageCategories,
  canManageCourse,
  canRemoveInstructor,
  canSeeCourse,
  canTeach,
  contentAccess,
} from '../../src/modules/catalog/catalog.policy.ts';
import { actor, admin, instructor, otherInstructor, student } from './actors.ts';

const coInstructor = actor('instructor', 'co-1');
const course = (status: string) => ({ status, owner_id: instructor.id, instructor_ids: [coInstructor.id] });
const lesson = (status: string, is_free_preview = false) => ({ status, is_free_preview });

describe('catalog policy', () => {
  it('lets admins, the owner and co-instructors manage a course, and nobody else', () => {
    const draft = course('draft');
    assert.equal(canManageCourse(admin, draft), true);
    assert.equal(canManageCourse(instructor, draft), true);
    assert.equal(canManageCourse(coInstructor, draft), true);
    assert.equal(canManageCourse(otherInstructor, draft), false);
    assert.equal(canManageCourse(student, draft), false);
    assert.equal(canManageCourse(null, draft), false);
  });

  it('shows published courses to everyone and other statuses to their staff only', () => {
    assert.equal(canSeeCourse(null, course('published')), true);
    assert.equal(canSeeCourse(student, course('published')), true);
    for (const status of ['draft', 'review', 'archived']) {
      assert.equal(canSeeCourse(null, course(status)), false);
      assert.equal(canSeeCourse(student, course(status)), false);
      assert.equal(canSeeCourse(otherInstructor, course(status)), false);
      assert.equal(canSeeCourse(coInstructor, course(status)), true);
      assert.equal(canSeeCourse(admin, course(status)), true);
    }
  });

  it('lets instructors and admins create courses, for someone else only as admin', () => {
    assert.equal(canCreateCourse(instructor), true);
    assert.equal(canCreateCourse(admin), true);
    assert.equal(canCreateCourse(student), false);
    assert.equal(canCreateCourseFor(instructor, instructor.id), true);
    assert.equal(canCreateCourseFor(instructor, otherInstructor.id), false);
    assert.equal(canCreateCourseFor(admin, otherInstructor.id), true);
  });

  it('lets the owner and admins choose co-instructors; a co-instructor may only step down', () => {
    const published = course('published');
    assert.equal(canAddInstructor(instructor, published), true);
    assert.equal(canAddInstructor(admin, published), true);
    assert.equal(canAddInstructor(coInstructor, published), false);
    assert.equal(canRemoveInstructor(coInstructor, published, coInstructor.id), true);
    assert.equal(canRemoveInstructor(coInstructor, published, otherInstructor.id), false);
    assert.equal(canRemoveInstructor(instructor, published, coInstructor.id), true);
    assert.equal(canRemoveInstructor(admin, published, coInstructor.id), true);
  });

  it('keeps categories and tag deletion to admins; instructors may create tags', () => {
    assert.deepEqual([admin, instructor, student].map(canManageCategories), [true, false, false]);
    assert.deepEqual([admin, instructor, student].map(canCreateTag), [true, true, false]);
    assert.deepEqual([admin, instructor, student].map(canDeleteTag), [true, false, false]);
  });

  it('lets only active instructors and admins teach', () => {
    assert.equal(canTeach({ role: 'instructor', is_active: true }), true);
    assert.equal(canTeach({ role: 'admin', is_active: true }), true);
    assert.equal(canTeach({ role: 'instructor', is_active: false }), false);
    assert.equal(canTeach({ role: 'student', is_active: true }), false);
  });

  it('opens content to staff and free previews, asks for an enrolment otherwise', () => {
    const published = course('published');
    assert.equal(contentAccess(coInstructor, course('draft'), lesson('draft')), 'open');
    assert.equal(contentAccess(admin, course('archived'), lesson('draft')), 'open');
    assert.equal(contentAccess(null, published, lesson('published', true)), 'open');
    assert.equal(contentAccess(student, published, lesson('published')), 'enrolled');
    assert.equal(contentAccess(null, published, lesson('published')), 'closed');
    assert.equal(contentAccess(student, published, lesson('draft', true)), 'closed');
    assert.equal(contentAccess(student, course('archived'), lesson('published', true)), 'closed');
  });

  it('leaves handing a course over to admins, never to its own teacher', () => {
    assert.deepEqual([admin, instructor, student].map(canChangeOwner), [true, false, false]);
  });
});
