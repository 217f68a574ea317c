// Who may do what with analytics. Admins are handled once here.
import type { Actor } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';

/** Who hands in a batch: a signed-in user, or a service holding an API key with the analytics scope. */
export type IngestCaller = { actor: Actor } | { serviceKeyId: string };

/** A user records events about themself; an admin or a service about anyone. */
export const canIngestFor = (caller: IngestCaller, userId: string): boolean =>
  !('actor' in caller) || isAdmin(caller.actor) || caller.actor.id === userId;

/** Platform-wide figures (dashboard, DAU, exports across every user) are for admins. */
export function assertPlatformReader(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Only administrators may read platform analytics');
}

/** 000's statistics: an admin sees every course (null), an instructor the courses they teach. */
export function statsScopeOf(actor: Actor): string | null {
  if (isAdmin(actor)) return null;
  if (actor.role === 'instructor') return actor.id;
  throw forbidden('Only teachers and administrators may read statistics');
}
