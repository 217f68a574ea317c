import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { canUseSession } from '../../src/modules/assistant/assistant.policy.ts';
import { admin, instructor, otherStudent, student } from './actors.ts';

describe('assistant policy', () => {
  it('lets a session be used by its user only, admins included among the others', () => {
    const session = { user_id: student.id };
    assert.deepEqual(
      [student, otherStudent, instructor, admin].map((actor) => canUseSession(actor, session)),
      [true, false, false, false],
    );
    assert.equal(canUseSession(admin, { user_id: admin.id }), true);
  });
});
