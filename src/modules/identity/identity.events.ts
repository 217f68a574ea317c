// Events the identity module publishes, inside the transaction of the change they report.
import type { Role } from '../../platform/actor.ts';

/** How an account came to be, or how its owner proved who they are. */
export type SignInMethod = 'password' | 'google' | 'phone';

declare module '../../platform/events/index.ts' {
  interface EventMap {
    /** A new account, created by its owner (not the bootstrap admin of ADMIN_EMAIL). */
    'identity.user.registered': UserRegistered;
    /** A sign-in opened a session (login analytics, webhooks). */
    'identity.login.succeeded': LoginSucceeded;
    /**
     * Besides identity.login.succeeded, a sign-in from a device (address + user agent) the account
     * had not signed in from, when it had signed in from another before (the first is not "new").
     */
    'identity.login.new_device': LoginSucceeded;
    /** Too many failed attempts locked the account until `locked_until`. */
    'identity.account.locked': AccountLocked;
  }
}

export interface UserRegistered {
  user_id: string;
  role: Role;
  method: SignInMethod;
}

export interface LoginSucceeded {
  user_id: string;
  method: SignInMethod;
  /** The client's address and user agent as the request showed them, when known. */
  ip: string | null;
  user_agent: string | null;
}

export interface AccountLocked {
  user_id: string;
  /** ISO 8601. */
  locked_until: string;
  failed_attempts: number;
}
