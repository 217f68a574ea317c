// Sign-in answers and inputs: the identity module's token pair as 001's token answer, and 001's
// snake_case sign-in fields as the module's options.
import type { Static } from 'typebox';

import type { TokenPair } from '../../../modules/identity/index.ts';
import type { LoginBody } from '../auth.schemas.ts';
import type { MfaLoginBody } from '../mfa.schemas.ts';
import type { GoogleLoginBody, PhoneLoginBody } from '../signin.schemas.ts';

/** 001's token answer. */
export function toTokensOut(pair: TokenPair) {
  return {
    access_token: pair.access_token,
    refresh_token: pair.refresh_token,
    token_type: pair.token_type,
    expires_in: pair.expires_in,
  };
}

export function loginInput({ email, password, remember_me }: Static<typeof LoginBody>) {
  return { email, password, rememberMe: remember_me };
}

export function mfaLoginInput({ email, password, mfa_code, remember_me }: Static<typeof MfaLoginBody>) {
  return { email, password, mfaCode: mfa_code, rememberMe: remember_me };
}

export function phoneLoginInput({ mfa_code, remember_me, ...rest }: Static<typeof PhoneLoginBody>) {
  return { ...rest, mfaCode: mfa_code, rememberMe: remember_me };
}

/** Google sign-in options besides the ID token. */
export function googleLoginOptions({ remember_me, mfa_code }: Static<typeof GoogleLoginBody>) {
  return { rememberMe: remember_me, mfaCode: mfa_code };
}
