// The identity module's public API: accounts, credentials and sessions.
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { MailSender } from '../../platform/mail/index.ts';
import { createAuthService } from './auth.service.ts';
import type { LockoutSettings } from './auth.service.ts';
import { createSessionService } from './session.service.ts';
import type { SessionSettings } from './session.service.ts';
import { createTokenSigner } from './tokens.ts';
import type { TokenSettings } from './tokens.ts';
import { createUserService } from './user.service.ts';

export type { Actor, ClientInfo, NameInput, Role, TokenPair, User } from './identity.types.ts';
export { ROLES } from './identity.types.ts';

export interface IdentityDeps {
  database: DatabaseHandle;
  clock: Clock;
  mail: MailSender;
  settings: {
    tokens: TokenSettings;
    sessions: SessionSettings;
    lockout: LockoutSettings;
    publicUrl: string;
  };
}

export async function createIdentityModule({ database, clock, mail, settings }: IdentityDeps) {
  const signer = await createTokenSigner(settings.tokens, clock);
  const sessions = createSessionService({ database, clock, signer, settings: settings.sessions });
  const auth = createAuthService({ database, clock, sessions, mail, lockout: settings.lockout, publicUrl: settings.publicUrl });
  const users = createUserService({ database, clock, sessions });
  return {
    register: auth.register,
    login: auth.login,
    ensureAdmin: auth.ensureAdmin,
    refresh: sessions.refresh,
    authenticate: sessions.authenticate,
    logout: (actor: { sessionId: string }) => sessions.revoke(actor.sessionId),
    getMe: users.getMe,
    updateMe: users.updateMe,
    changePassword: users.changePassword,
  };
}

export type IdentityModule = Awaited<ReturnType<typeof createIdentityModule>>;
