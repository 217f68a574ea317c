// Users in 001's shape, with 000's `is_verified` beside it.
import type { User } from '../../../modules/identity/index.ts';

/** A domain user in UserOut's shape (the response schema drops anything undeclared). */
export function toUserOut(user: User) {
  return { ...user, is_verified: user.email_verified_at !== null };
}
