// A token pair as 003's auth service answers it.
import type { TokenPair } from '../../../modules/identity/index.ts';

export const toTokensOut = (pair: TokenPair) => ({
  access_token: pair.access_token,
  refresh_token: pair.refresh_token,
  token_type: pair.token_type,
  expires_in: pair.expires_in,
});
