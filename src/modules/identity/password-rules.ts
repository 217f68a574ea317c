// The password rules as a pure check, shared by the API (through assertPasswordPolicy) and the
// configuration (ADMIN_PASSWORD is checked with the other settings, before anything starts).
import { COMMON_PASSWORDS } from './common-passwords.ts';

export const PASSWORD_MAX_LENGTH = 128;

/**
 * Which password rules apply: `standard` (8+ characters, upper and lower case, a digit, not a
 * common password) everywhere, `strict` adds a special character (003's documented rules).
 */
export type PasswordPolicy = 'standard' | 'strict';

/** The first rule the password breaks, in words; undefined when it is acceptable. */
export function passwordProblem(password: string, policy: PasswordPolicy = 'standard'): string | undefined {
  if (password.length < 8) return 'Password must be at least 8 characters long';
  if (password.length > PASSWORD_MAX_LENGTH) return `Password must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  if (!/[A-Z]/.test(password)) return 'Password must contain an uppercase letter';
  if (!/[a-z]/.test(password)) return 'Password must contain a lowercase letter';
  if (!/[0-9]/.test(password)) return 'Password must contain a digit';
  if (policy === 'strict' && !/[^A-Za-z0-9]/.test(password)) return 'Password must contain a special character';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'This password is too common; choose another';
  return undefined;
}
