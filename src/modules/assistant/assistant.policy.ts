// Who may use an assistant session: its user, and nobody else. Conversations with the advisor are
// private, so admins do not read them either (they see counts through events and analytics).
import type { Actor } from '../../platform/actor.ts';

export function canUseSession(actor: Actor, session: { user_id: string }): boolean {
  return session.user_id === actor.id;
}
