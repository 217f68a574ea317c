// Users and tokens in 004's shapes, every field listed.
import type { TokenPair, User } from '../../../modules/identity/index.ts';

export function toLoginUser(user: User) {
  return { id: user.id, email: user.email, role: user.role, name: user.full_name };
}

export function toTokens(pair: TokenPair) {
  return { token: pair.access_token, expires_in: pair.expires_in, refresh_token: pair.refresh_token };
}

export function toMe(user: User) {
  return { ...toLoginUser(user), created_at: user.created_at };
}
