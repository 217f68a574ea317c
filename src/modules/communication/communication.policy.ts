// Who may do what in a chat room. Admins are handled here once.
import type { Actor } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';
import type { MemberRole, RoomKind } from './communication.tables.ts';

/** What the policy knows of the caller in one room. */
export interface RoomStanding {
  kind: RoomKind;
  /** The caller's membership row, if any. */
  role: MemberRole | undefined;
  /** Owner or co-instructor of the room's course (course rooms only). */
  courseStaff: boolean;
}

/** Reading history, connecting, sending: members, course staff, admins. */
export const canUseRoom = (actor: Actor, standing: RoomStanding): boolean =>
  isAdmin(actor) || standing.role !== undefined || standing.courseStaff;

/** Deleting someone else's message: admins, and staff of a course room. */
export const canModerate = (actor: Actor, standing: RoomStanding): boolean =>
  isAdmin(actor) || (standing.kind === 'course' && (standing.courseStaff || standing.role === 'staff'));

/** Adding and removing members: the owner of a group room, admins; never course or direct rooms. */
export const canManageMembers = (actor: Actor, standing: RoomStanding): boolean =>
  standing.kind === 'group' && (isAdmin(actor) || standing.role === 'owner');
