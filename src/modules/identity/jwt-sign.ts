// Synchronous HS256 JWT signing with node:crypto, byte for byte what jose's SignJWT produces for
// the same header and claims: jose signs through WebCrypto, whose HMAC is a job on libuv's thread
// pool, where it queues behind the argon2id verifies of concurrent sign-ins (and costs more main
// thread in argument conversion than the 64-byte HMAC itself).
import { createHmac, createSecretKey } from 'node:crypto';

import type { JwtPayload } from './jwt-verify.ts';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Signs claims (serialized in their key order) as a compact HS256 JWT. */
export function createHs256Signer(secret: string): (claims: JwtPayload) => string {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return (claims) => {
    const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${signingInput}.${createHmac('sha256', key).update(signingInput).digest('base64url')}`;
  };
}
