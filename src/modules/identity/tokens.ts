// Access tokens: HS256 JWTs signed with jose. The key is imported once as a CryptoKey;
// importing it per request halves throughput (ARCHITECTURE.md).
import { randomUUID } from 'node:crypto';

import { jwtVerify, SignJWT } from 'jose';

import type { Clock } from '../../platform/clock.ts';
import { unauthenticated } from '../../platform/errors.ts';
import type { Role } from './identity.types.ts';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  role: Role;
}

export interface TokenSigner {
  readonly accessTtlSeconds: number;
  sign(claims: AccessClaims): Promise<string>;
  verify(token: string): Promise<AccessClaims>;
}

export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
}

export async function createTokenSigner(settings: TokenSettings, clock: Clock): Promise<TokenSigner> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(settings.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  return {
    accessTtlSeconds: settings.accessTtlSeconds,
    async sign({ userId, sessionId, role }) {
      const now = Math.floor(clock.now().getTime() / 1000);
      return new SignJWT({ sid: sessionId, role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt(now)
        .setExpirationTime(now + settings.accessTtlSeconds)
        .setJti(randomUUID())
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: settings.issuer,
          audience: settings.audience,
          currentDate: clock.now(),
          requiredClaims: ['sub', 'exp', 'jti'],
        });
        if (typeof payload.sub !== 'string' || typeof payload['sid'] !== 'string') throw new Error('claims');
        return { userId: payload.sub, sessionId: payload['sid'], role: payload['role'] as Role };
      } catch {
        throw unauthenticated();
      }
    },
  };
}
