import { DomainError } from '../../platform/errors.ts';

export const invalidCredentials = () =>
  new DomainError('unauthenticated', 'IDENTITY_INVALID_CREDENTIALS', 'Invalid credentials');
export const accountLocked = (retryAfterSeconds: number) =>
  new DomainError('locked', 'ACCOUNT_LOCKED', 'Account locked after too many failed attempts; try again later', { retryAfterSeconds });
export const accountBlocked = () => new DomainError('forbidden', 'ACCOUNT_BLOCKED', 'This account has been blocked');
export const emailTaken = () => new DomainError('conflict', 'IDENTITY_EMAIL_TAKEN', 'A user with this email already exists');
export const invalidRefreshToken = () =>
  new DomainError('unauthenticated', 'IDENTITY_INVALID_REFRESH_TOKEN', 'Refresh token is invalid, expired or already used');
export const mfaRequired = () =>
  new DomainError('unauthenticated', 'IDENTITY_MFA_REQUIRED', 'This account uses two-factor authentication; log in with an MFA code');
export const wrongCurrentPassword = () =>
  // No field detail: 001 documents this as a plain 400, not a 422 validation list.
  new DomainError('validation', 'IDENTITY_WRONG_PASSWORD', 'Current password is incorrect');
export const weakPassword = (message: string, field = 'password') =>
  new DomainError('validation', 'IDENTITY_WEAK_PASSWORD', message, { details: [{ field, message }] });
