// What the notifications module needs from other modules and the platform, narrowed.
import type { Executor } from '../../platform/db/index.ts';

export interface IdentityPort {
  /** The live account with this email or phone, whose preferences and feed a notification joins. */
  findUserIdByContact(contact: { email?: string; phone?: string }, executor?: Executor): Promise<string | undefined>;
  /** Which of these ids are accounts (a push recipient may be a user id). */
  getUserSummaries(ids: readonly string[], executor?: Executor): Promise<{ id: string }[]>;
}

export interface NotificationsPorts {
  identity: IdentityPort;
}
