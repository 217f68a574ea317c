// Access tokens: HS256 JWTs, signed with jose (once per sign-in) and verified on every request
// by a synchronous HMAC (jose's WebCrypto verify costs ~40 µs of main thread, this ~10 µs) with
// the algorithm pinned and every claim checked as jose's jwtVerify does (jwt-verify.ts).
import { randomUUID } from 'node:crypto';

import { SignJWT } from 'jose';

import type { Clock } from '../../platform/clock.ts';
import { unauthenticated } from '../../platform/errors.ts';
import type { Role } from './identity.types.ts';
import { createHs256Verifier, TokenExpiredError } from './jwt-verify.ts';

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
    ['sign'],
  );
  const verifyJwt = createHs256Verifier(settings);
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
    // async only for the interface: the check itself is synchronous.

    async verify(token) {
      try {
        const payload = verifyJwt(token, clock.now());
        if (typeof payload['sub'] !== 'string' || typeof payload['sid'] !== 'string') throw new Error('claims');
        return { userId: payload['sub'], sessionId: payload['sid'], role: payload['role'] as Role };
      } catch (error) {
        if (error instanceof TokenExpiredError) throw unauthenticated('Token has expired', 'TOKEN_EXPIRED');
        throw unauthenticated();
      }
    },
  };
}
