// Actors for the unit tests of policies: one per role, with fixed ids.
import type { Actor, Role } from '../../src/platform/actor.ts';

export const actor = (role: Role, id: string = `${role}-1`): Actor => ({ id, role, sessionId: `session-of-${id}` });

export const admin = actor('admin');
export const instructor = actor('instructor');
export const otherInstructor = actor('instructor', 'instructor-2');
export const student = actor('student');
export const otherStudent = actor('student', 'student-2');
