// Access tokens: HS256 JWTs signed with jose. The key is imported once as a CryptoKey;
// importing it per request halves throughput (ARCHITECTURE.md).
import { randomUUID } from 'node:crypto';

import { errors, jwtVerify, SignJWT } from 'jose';

import type { Clock } from '../../platform/clock.ts';
import { unauthenticated } from '../../platform/errors.ts';
import type { Role } from './identity.types.ts';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  role: Role;
  /** Shown to clients that read it from the token (000, 003); null for phone-only accounts. */
  email?: string | null;
}

/** 003's permission model, derived from the role (never stored). */
export function permissionsOf(role: Role): string[] {
  const permissions = ['read:profile', 'write:profile', 'read:courses'];
  if (role === 'instructor' || role === 'admin') permissions.push('write:courses');
  if (role === 'admin') permissions.push('manage:users');
  return permissions;
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
    async sign({ userId, sessionId, role, email }) {
      const now = Math.floor(clock.now().getTime() / 1000);
      // The claims every contract documents: 000's email/role/roles, 003's roles (with `user`) and permissions.
      return new SignJWT({
        sid: sessionId,
        role,
        roles: ['user', role],
        permissions: permissionsOf(role),
        ...(email ? { email } : {}),
      })
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
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw unauthenticated('Token has expired', 'TOKEN_EXPIRED');
        throw unauthenticated();
      }
    },
  };
}
