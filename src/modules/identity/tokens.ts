// Access tokens: HS256 JWTs, signed and verified by a synchronous HMAC on the main thread (jose's
// WebCrypto verify costs ~40 µs of main thread, this ~10 µs; its sign waits for a libuv thread
// behind the sign-ins' argon2id verifies), the same bytes as jose's SignJWT (jwt-sign.ts), with
// the algorithm pinned and every claim checked as jose's jwtVerify does (jwt-verify.ts).
import { randomUUID } from 'node:crypto';

import type { Clock } from '../../platform/clock.ts';
import { unauthenticated } from '../../platform/errors.ts';
import type { Role } from './identity.types.ts';
import { createHs256Signer } from './jwt-sign.ts';
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
  const signJwt = createHs256Signer(settings.secret);
  const verifyJwt = createHs256Verifier(settings);
  return {
    accessTtlSeconds: settings.accessTtlSeconds,
    // async only for the interface: signing is synchronous.
    async sign({ userId, sessionId, role, email }) {
      const now = Math.floor(clock.now().getTime() / 1000);
      // The claims every contract documents: 000's email/role/roles, 003's roles (with `user`) and
      // permissions; then the registered claims in the order jose's SignJWT setters added them.
      return signJwt({
        sid: sessionId,
        role,
        roles: ['user', role],
        permissions: permissionsOf(role),
        ...(email ? { email } : {}),
        sub: userId,
        iss: settings.issuer,
        aud: settings.audience,
        iat: now,
        exp: now + settings.accessTtlSeconds,
        jti: randomUUID(),
      });
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
