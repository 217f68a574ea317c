// 000's sign-in words: `mot_de_passe` is the core's password; login answers carry the user.
import type { Static } from 'typebox';

import type { TokenPair, User } from '../../../modules/identity/index.ts';
import type { LoginBody, RegisterBody } from '../auth.schemas.ts';
import { toLoginUser } from './user.ts';

export function loginInput({ email, mot_de_passe, remember_me }: Static<typeof LoginBody>) {
  return { email, password: mot_de_passe, rememberMe: remember_me };
}

export function registerInput({ email, mot_de_passe, first_name, last_name }: Static<typeof RegisterBody>) {
  return { email, password: mot_de_passe, first_name, last_name };
}

/** 000's login answer: the tokens and the signed-in user. */
export function toLoginOut(pair: TokenPair, user: User) {
  return {
    access_token: pair.access_token,
    refresh_token: pair.refresh_token,
    token_type: pair.token_type,
    expires_in: pair.expires_in,
    user: toLoginUser(user),
  };
}
