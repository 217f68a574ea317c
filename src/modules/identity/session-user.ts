// The signed-in user's row as read by the per-request session check, keyed by that request's
// actor: GET /users/me answers from it instead of reading the same row a second time.
import type { Actor, User } from './identity.types.ts';

export const userReadWithSession = new WeakMap<Actor, User>();
