// Google sign-in: the client sends Google's ID token; it is verified with jose against Google's
// JWKS (GOOGLE_JWKS_URL), audience GOOGLE_CLIENT_ID and Google's issuer. The account is found by
// Google subject, else linked by a Google-verified email, else created.
import { createRemoteJWKSet, jwtVerify } from 'jose';

import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import {
  accountBlocked,
  emailTaken,
  googleEmailUnverified,
  googleNotConfigured,
  invalidGoogleToken,
  mfaRequired,
} from './identity.errors.ts';
import type { ClientInfo, TokenPair } from './identity.types.ts';
import type { LockoutService } from './lockout.service.ts';
import type { MfaService } from './mfa.service.ts';
import { resolveNames } from './names.ts';
import type { SessionService } from './session.service.ts';
import { userRepo } from './user.repo.ts';

export interface GoogleSettings {
  clientId: string | undefined;
  jwksUrl: string;
}

export interface GoogleDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
  sessions: SessionService;
  lockout: LockoutService;
  mfa: MfaService;
  settings: GoogleSettings;
}

const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

interface GoogleIdentity {
  sub: string;
  email: string | undefined;
  emailVerified: boolean;
  givenName: string | undefined;
  familyName: string | undefined;
  name: string | undefined;
}

export function createGoogleService({ database, clock, events, sessions, lockout, mfa, settings }: GoogleDeps) {
  // jose caches the key set and refetches it when a token names an unknown key id.
  const jwks = createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 5000 });

  async function verifyIdToken(idToken: string): Promise<GoogleIdentity> {
    if (!settings.clientId) throw googleNotConfigured();
    try {
      const { payload } = await jwtVerify(idToken, jwks, {
        issuer: GOOGLE_ISSUERS,
        audience: settings.clientId,
        algorithms: ['RS256'],
        currentDate: clock.now(),
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const str = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : undefined);
      return {
        sub: payload.sub!,
        email: str('email')?.toLowerCase(),
        emailVerified: payload['email_verified'] === true || payload['email_verified'] === 'true',
        givenName: str('given_name'),
        familyName: str('family_name'),
        name: str('name'),
      };
    } catch {
      throw invalidGoogleToken();
    }
  }

  return {
    async loginWithGoogle(
      idToken: string,
      options: { rememberMe?: boolean | undefined; mfaCode?: string | undefined } = {},
      client: ClientInfo = {},
    ): Promise<TokenPair> {
      await lockout.assertIpAllowed(client.ip);
      let identity: GoogleIdentity;
      try {
        identity = await verifyIdToken(idToken);
      } catch (error) {
        await lockout.recordFailure({ ip: client.ip });
        throw error;
      }
      const now = clock.now();
      let user = await userRepo.findCredentialsByGoogleId(database.db, identity.sub);
      if (!user && identity.email) {
        const byEmail = await userRepo.findCredentialsByEmail(database.db, identity.email);
        // Linking needs Google's word that the address belongs to this Google account.
        if (byEmail && !identity.emailVerified) throw googleEmailUnverified();
        user = byEmail;
      }
      if (user) {
        lockout.assertAccountUnlocked(user);
        if (!user.is_active) throw accountBlocked();
        if (user.mfa_enabled && !(options.mfaCode && (await mfa.checkLoginCode(user, options.mfaCode)))) {
          if (options.mfaCode) await lockout.recordFailure({ ip: client.ip, userId: user.id });
          throw mfaRequired();
        }
        const existing = user;
        return database.transaction(async (tx) => {
          await userRepo.update(
            tx,
            existing.id,
            {
              google_id: identity.sub,
              email_verified_at: existing.email_verified_at ?? (identity.emailVerified ? now : null),
            },
            now,
          );
          return sessions.signIn(tx, existing, { method: 'google', rememberMe: options.rememberMe, client });
        });
      }
      if (!identity.email) throw invalidGoogleToken();
      const names = resolveNames(
        { first_name: '', last_name: '' },
        identity.givenName || identity.familyName
          ? { first_name: identity.givenName ?? '', last_name: identity.familyName ?? '' }
          : { full_name: identity.name ?? '' },
      ) ?? { first_name: '', last_name: '', full_name: '' };
      const email = identity.email;
      try {
        return await database.transaction(async (tx) => {
          const created = await userRepo.insert(tx, {
            email,
            password_hash: null,
            google_id: identity.sub,
            email_verified_at: identity.emailVerified ? now : null,
            ...names,
          });
          await events.publish(tx, 'identity.user.registered', {
            user_id: created.id,
            role: created.role,
            method: 'google',
          });
          return sessions.signIn(tx, created, { method: 'google', rememberMe: options.rememberMe, client });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw emailTaken();
        throw error;
      }
    },
  };
}

export type GoogleService = ReturnType<typeof createGoogleService>;
