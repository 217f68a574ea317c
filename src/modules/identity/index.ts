// The identity module's public API: accounts, credentials, sessions, verification, phone and
// Google sign-in, MFA, lockout and admin user management.
import { hkdfSync } from 'node:crypto';

import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { Links } from '../../platform/links.ts';
import type { SmsSender } from '../../platform/sms/index.ts';
import { createAdminUserService } from './admin.service.ts';
import { createAuthService } from './auth.service.ts';
import { createDirectoryService } from './directory.service.ts';
import type { GoogleSettings } from './google.service.ts';
import { createGoogleService } from './google.service.ts';
import type { NotificationsPort } from './identity.mails.ts';
import { createIdentityMails } from './identity.mails.ts';
import type { ClientInfo, TokenPair } from './identity.types.ts';
import type { LockoutSettings } from './lockout.service.ts';
import { createLockoutService } from './lockout.service.ts';
import { createMfaService } from './mfa.service.ts';
import { createSecretBox } from './mfa-crypto.ts';
import { createOperatorService } from './operator.service.ts';
import { createPhoneService } from './phone.service.ts';
import type { SessionSettings } from './session.service.ts';
import { createSessionService } from './session.service.ts';
import type { TokenSettings } from './tokens.ts';
import { createTokenSigner } from './tokens.ts';
import { createUserService } from './user.service.ts';
import { createVerificationService } from './verification.service.ts';

export type { UserListQuery } from './admin.service.ts';
export type * from './identity.events.ts';
export type {
  Actor,
  ClientInfo,
  NameInput,
  Role,
  TokenPair,
  User,
  UserSummary,
  UserSummaryFilter,
} from './identity.types.ts';
export { ROLES } from './identity.types.ts';
export { MFA_ISSUER } from './mfa.service.ts';
export type { ProvisionOutcome } from './operator.service.ts';
export type { PasswordPolicy } from './password.ts';
export type { PhoneLoginInput } from './phone.service.ts';

export interface IdentityDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: Pick<EventBus, 'publish' | 'writeAndPublish'>;
  /** Identity's mails go out as notifications (templates, status, sent once). */
  notifications: NotificationsPort;
  sms: SmsSender;
  settings: {
    tokens: TokenSettings;
    sessions: SessionSettings;
    lockout: LockoutSettings;
    links: Links;
    google: GoogleSettings;
    /** Key material for MFA secrets at rest and SMS code digests. */
    mfaEncryptionKey: string;
  };
}

export async function createIdentityModule({ database, clock, events, notifications, sms, settings }: IdentityDeps) {
  const mail = createIdentityMails(notifications);
  const signer = await createTokenSigner(settings.tokens, clock);
  const sessions = createSessionService({ database, clock, events, signer, settings: settings.sessions });
  const lockout = createLockoutService({ database, clock, events, settings: settings.lockout });
  const mfa = createMfaService({ database, clock, box: createSecretBox(settings.mfaEncryptionKey) });
  const verification = createVerificationService({
    database,
    clock,
    mail,
    sessions,
    lockout,
    links: settings.links,
  });
  const auth = createAuthService({
    database,
    clock,
    events,
    sessions,
    mail,
    lockout,
    mfa,
    verification,
  });
  const users = createUserService({ database, clock, sessions });
  const codeKey = Buffer.from(hkdfSync('sha256', settings.mfaEncryptionKey, 'lectern', 'sms-code-v1', 32)).toString(
    'hex',
  );
  const phone = createPhoneService({ database, clock, events, sms, sessions, lockout, mfa, codeKey });
  const google = createGoogleService({
    database,
    clock,
    events,
    sessions,
    lockout,
    mfa,
    settings: settings.google,
  });
  const admin = createAdminUserService({ database, clock, sessions });
  const directory = createDirectoryService({ database, clock });
  const operator = createOperatorService({ database, clock, sessions });

  /** A refresh with an unknown, used or expired token counts as a failed attempt of the address. */
  async function guardedRefresh<T>(client: ClientInfo, run: () => Promise<T>): Promise<T> {
    await lockout.assertIpAllowed(client.ip);
    try {
      return await run();
    } catch (error) {
      if (error instanceof DomainError && error.code === 'IDENTITY_INVALID_REFRESH_TOKEN')
        await lockout.recordFailure({ ip: client.ip });
      throw error;
    }
  }

  return {
    register: auth.register,
    signUp: auth.signUp,
    login: auth.login,
    loginWithMfa: auth.loginWithMfa,
    loginAs: auth.loginAs,
    loginWithGoogle: google.loginWithGoogle,
    sendPhoneLoginCode: phone.sendLoginCode,
    loginWithPhoneCode: phone.loginWithCode,
    /** Trusted calls of the command line (no actor): bootstrap admin, roles, passwords, listing. */
    operator,
    ensureAdmin: operator.ensureAdmin,
    refresh: (refreshToken: string, client: ClientInfo = {}): Promise<TokenPair> =>
      guardedRefresh(client, () => sessions.refresh(refreshToken)),
    /** 000's refresh: a new access token, the refresh token unchanged. */
    refreshAccess: (refreshToken: string, client: ClientInfo = {}) =>
      guardedRefresh(client, () => sessions.accessFromRefresh(refreshToken)),
    authenticate: sessions.authenticate,
    logout: (actor: { sessionId: string }) => sessions.revoke(actor.sessionId),
    /** 003's logout: the session of a current refresh token ends; anything else changes nothing. */
    logoutByRefreshToken: sessions.revokeByRefreshToken,
    getMe: users.getMe,
    findUser: users.findUser,
    updateMe: users.updateMe,
    renameUser: users.renameUser,
    changePassword: users.changePassword,
    resendVerification: verification.resendVerification,
    verifyEmail: verification.verifyEmail,
    /** 003's email verification: the address verified and a session opened. */
    verifyEmailAndSignIn: verification.verifyEmailAndSignIn,
    requestPasswordReset: verification.requestPasswordReset,
    confirmPasswordReset: verification.confirmPasswordReset,
    requestEmailChange: verification.requestEmailChange,
    confirmEmailChange: verification.confirmEmailChange,
    sendPhoneChangeCode: phone.sendPhoneChangeCode,
    confirmPhoneChange: phone.confirmPhoneChange,
    enableMfa: mfa.enable,
    verifyMfa: mfa.verify,
    disableMfa: mfa.disable,
    regenerateRecoveryCodes: mfa.regenerateRecoveryCodes,
    listUsers: admin.listUsers,
    getUser: admin.getUser,
    setUserRole: admin.setRole,
    blockUser: admin.block,
    unblockUser: admin.unblock,
    deleteUser: admin.deleteUser,

    // For other modules
    getUserSummaries: directory.getUserSummaries,
    findUserIdByContact: directory.findUserIdByContact,
    searchUserSummaries: directory.searchUserSummaries,
    setAvatarUrl: directory.setAvatarUrl,
  };
}

export type IdentityModule = Awaited<ReturnType<typeof createIdentityModule>>;
