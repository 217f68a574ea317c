// Who may read and change profiles. A user's profile, settings, social links and skills are theirs
// alone; admins may read and change anyone's. A public profile is for everyone (anonymous callers
// too) while the account is active; a blocked account's only for itself and admins.
import type { Actor } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';
import type { ProfileOwner } from './profiles.ports.ts';

/** Read or change the private profile, settings, social links and skills of `userId`. */
export function canManageProfile(actor: Actor, userId: string): boolean {
  return actor.id === userId || isAdmin(actor);
}

export function canViewPublicProfile(actor: Actor | null, owner: Pick<ProfileOwner, 'id' | 'is_active'>): boolean {
  return owner.is_active || (actor !== null && canManageProfile(actor, owner.id));
}

/** Whose public profile lists published courses: those who may teach. */
export function showsCourses(owner: Pick<ProfileOwner, 'role'>): boolean {
  return owner.role === 'instructor' || owner.role === 'admin';
}
