// Who may do what with notifications: sending and template administration are for admins and
// service API keys; each user reads and changes only their own feed and preferences.
import type { Actor } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';

export function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Only administrators may manage notifications');
}
