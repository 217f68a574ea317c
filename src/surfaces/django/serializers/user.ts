// Users in 002's shape: Django's `date_joined`, `is_verified` from the verification time.
import type { User } from '../../../modules/identity/index.ts';

export function toAuthUserOut(user: User) {
  return {
    id: user.id,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    role: user.role,
    is_verified: user.email_verified_at !== null,
    date_joined: user.created_at,
  };
}
