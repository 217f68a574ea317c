import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { canManageUsers, canUseLoginDoor, selfLockout } from '../../src/modules/identity/identity.policy.ts';
import { actor, admin, instructor, student } from './actors.ts';

describe('identity policy', () => {
  it('lets only admins manage users', () => {
    assert.deepEqual([admin, instructor, student].map(canManageUsers), [true, false, false]);
  });

  it('refuses an admin demoting, blocking or deleting their own account', () => {
    assert.equal(selfLockout(admin, admin.id, { role: 'student' }), 'demote');
    assert.equal(selfLockout(admin, admin.id, { role: 'admin' }), undefined);
    assert.equal(selfLockout(admin, admin.id, 'block'), 'block');
    assert.equal(selfLockout(admin, admin.id, 'delete'), 'delete');
  });

  it('allows the same changes on another account', () => {
    const other = actor('admin', 'admin-2');
    assert.equal(selfLockout(admin, other.id, { role: 'student' }), undefined);
    assert.equal(selfLockout(admin, other.id, 'block'), undefined);
    assert.equal(selfLockout(admin, other.id, 'delete'), undefined);
  });

  it("admits a role-reserved sign-in's roles, and admins at every such sign-in", () => {
    assert.equal(canUseLoginDoor('instructor', ['instructor']), true);
    assert.equal(canUseLoginDoor('student', ['instructor']), false);
    assert.equal(canUseLoginDoor('instructor', ['student']), false);
    assert.equal(canUseLoginDoor('admin', ['student']), true);
    assert.equal(canUseLoginDoor('admin', ['instructor']), true);
  });
});
