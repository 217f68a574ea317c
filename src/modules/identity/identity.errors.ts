import { DomainError } from '../../platform/errors.ts';

export const invalidCredentials = () =>
  new DomainError('unauthenticated', 'IDENTITY_INVALID_CREDENTIALS', 'Invalid credentials');
export const accountLocked = (retryAfterSeconds: number) =>
  new DomainError('locked', 'ACCOUNT_LOCKED', 'Account locked after too many failed attempts; try again later', {
    retryAfterSeconds,
  });
export const accountBlocked = () => new DomainError('forbidden', 'ACCOUNT_BLOCKED', 'This account has been blocked');
export const emailTaken = () =>
  new DomainError('conflict', 'IDENTITY_EMAIL_TAKEN', 'A user with this email already exists');
export const invalidRefreshToken = () =>
  new DomainError(
    'unauthenticated',
    'IDENTITY_INVALID_REFRESH_TOKEN',
    'Refresh token is invalid, expired or already used',
  );
export const mfaRequired = () =>
  new DomainError(
    'unauthenticated',
    'IDENTITY_MFA_REQUIRED',
    'This account uses two-factor authentication; log in with an MFA code',
  );
/** A role-specific sign-in (004's instructor/student logins) used with an account of another role. */
export const wrongLoginDoor = (role: string) =>
  new DomainError('forbidden', 'IDENTITY_WRONG_LOGIN', `A ${role} account cannot sign in here`, { info: { role } });
export const wrongCurrentPassword = () =>
  // No field detail: 001 documents this as a plain 400, not a 422 validation list.
  new DomainError('validation', 'IDENTITY_WRONG_PASSWORD', 'Current password is incorrect');
export const weakPassword = (message: string, field = 'password') =>
  new DomainError('validation', 'IDENTITY_WEAK_PASSWORD', message, { details: [{ field, message }] });
export const ipLocked = (retryAfterSeconds: number) =>
  new DomainError('locked', 'ACCOUNT_LOCKED', 'Too many failed attempts from this address; try again later', {
    retryAfterSeconds,
  });
export const invalidMfaCode = () => new DomainError('unauthenticated', 'IDENTITY_INVALID_MFA_CODE', 'Invalid MFA code');
export const mfaAlreadyEnabled = () =>
  new DomainError('conflict', 'IDENTITY_MFA_ALREADY_ENABLED', 'MFA is already enabled');
export const mfaNotEnabled = () => new DomainError('conflict', 'IDENTITY_MFA_NOT_ENABLED', 'MFA is not enabled');
export const mfaNotStarted = () =>
  new DomainError('conflict', 'IDENTITY_MFA_NOT_STARTED', 'Start MFA set-up with /auth/mfa/enable first');
export const invalidToken = () =>
  new DomainError('unauthenticated', 'TOKEN_INVALID', 'Token is invalid, expired or already used');
export const invalidSmsCode = () =>
  new DomainError('unauthenticated', 'IDENTITY_INVALID_CODE', 'Invalid or expired code');
export const codeThrottled = (retryAfterSeconds: number) =>
  new DomainError(
    'rate_limited',
    'IDENTITY_CODE_THROTTLED',
    'A code was sent recently; wait before asking for another',
    { retryAfterSeconds },
  );
export const phoneTaken = () =>
  new DomainError('conflict', 'IDENTITY_PHONE_TAKEN', 'A user with this phone number already exists');
export const invalidPhone = () =>
  new DomainError('validation', 'IDENTITY_INVALID_PHONE', 'Phone number must be in E.164 format, e.g. +14155550123', {
    details: [{ field: 'phone', message: 'Phone number must be in E.164 format, e.g. +14155550123' }],
  });
export const googleNotConfigured = () =>
  new DomainError('unavailable', 'IDENTITY_GOOGLE_DISABLED', 'Google login is not configured on this server');
export const invalidGoogleToken = () =>
  new DomainError('unauthenticated', 'IDENTITY_INVALID_GOOGLE_TOKEN', 'Google ID token is invalid or expired');
export const googleEmailUnverified = () =>
  new DomainError('unauthenticated', 'IDENTITY_GOOGLE_EMAIL_UNVERIFIED', 'Google has not verified this email address');
export const selfAdminAction = (what: string) =>
  new DomainError('conflict', 'IDENTITY_SELF_ACTION', `Admins cannot ${what} their own account`);
export const passwordRequired = () =>
  new DomainError(
    'validation',
    'IDENTITY_PASSWORD_REQUIRED',
    'This account has no password yet; set one through password reset',
    {
      details: [
        { field: 'current_password', message: 'This account has no password yet; set one through password reset' },
      ],
    },
  );
