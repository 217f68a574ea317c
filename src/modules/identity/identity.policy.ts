// Who may manage accounts. Admins manage users, but never in a way that locks themselves out:
// demoting, blocking or deleting one's own account is refused (another admin must do it).
import type { Actor, Role } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';

export function canManageUsers(actor: Actor): boolean {
  return isAdmin(actor);
}

/** A change an admin asks for on an account: a new role, a block or a deletion. */
export type AccountChange = { role: Role } | 'block' | 'delete';

/** The self-lockout a change would be (named for the error message), or undefined when it is allowed. */
export function selfLockout(
  actor: Actor,
  userId: string,
  change: AccountChange,
): 'demote' | 'block' | 'delete' | undefined {
  if (userId !== actor.id) return undefined;
  if (typeof change === 'object') return change.role === 'admin' ? undefined : 'demote';
  return change;
}

/** A sign-in reserved to `roles` admits those roles; admins may use every such sign-in. */
export function canUseLoginDoor(role: Role, roles: readonly Role[]): boolean {
  return role === 'admin' || roles.includes(role);
}
