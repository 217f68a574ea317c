import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { canUseFile, createFilesPolicy } from '../../src/modules/files/files.policy.ts';
import { admin, instructor, otherInstructor, otherStudent, student } from './actors.ts';
import { fakeCatalog } from './fake-catalog.ts';

const policy = createFilesPolicy(
  fakeCatalog({ staff: { 'course-1': [instructor.id] }, readableLessons: ['lesson-open'] }),
);
const asset = (changes: Partial<Parameters<typeof policy.canViewAsset>[1]> = {}) => ({
  owner_id: otherInstructor.id,
  course_id: 'course-1',
  lesson_id: 'lesson-open',
  purpose: 'lesson',
  status: 'ready',
  ...changes,
});

describe('files policy', () => {
  it('keeps an uploaded file to its owner and admins', () => {
    assert.equal(canUseFile(student, { owner_id: student.id }), true);
    assert.equal(canUseFile(admin, { owner_id: student.id }), true);
    assert.equal(canUseFile(otherStudent, { owner_id: student.id }), false);
  });

  it('lets the uploader and the course staff (admins included) manage a lesson asset', async () => {
    assert.equal(await policy.canManageAsset(otherInstructor, asset()), true);
    assert.equal(await policy.canManageAsset(instructor, asset()), true);
    assert.equal(await policy.canManageAsset(admin, asset()), true);
    assert.equal(await policy.canManageAsset(student, asset()), false);
  });

  it('lets admins manage an asset of no course (an avatar)', async () => {
    const avatar = asset({ owner_id: student.id, course_id: null, lesson_id: null, purpose: 'avatar' });
    assert.equal(await policy.canManageAsset(student, avatar), true);
    assert.equal(await policy.canManageAsset(admin, avatar), true);
    assert.equal(await policy.canManageAsset(otherStudent, avatar), false);
  });

  it('shows a ready lesson asset to readers of the lesson, nothing before it is ready', async () => {
    assert.equal(await policy.canViewAsset(student, asset()), true);
    assert.equal(await policy.canViewAsset(null, asset()), true);
    assert.equal(await policy.canViewAsset(student, asset({ lesson_id: 'lesson-locked' })), false);
    assert.equal(await policy.canViewAsset(student, asset({ status: 'processing' })), false);
    assert.equal(await policy.canViewAsset(instructor, asset({ status: 'processing' })), true);
  });

  it('leaves uploads to the course staff', async () => {
    assert.equal(await policy.canUploadToCourse(instructor, 'course-1'), true);
    assert.equal(await policy.canUploadToCourse(admin, 'course-1'), true);
    assert.equal(await policy.canUploadToCourse(otherInstructor, 'course-1'), false);
  });
});
