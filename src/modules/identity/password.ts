// Password policy and hashing. argon2id at OWASP parameters, run on libuv's thread pool so the
// event loop stays free (about 9 ms per hash on our 2-core machine).
import { hash, verify } from '@node-rs/argon2';

import { COMMON_PASSWORDS } from './common-passwords.ts';
import { weakPassword } from './identity.errors.ts';

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Which password rules apply: `standard` (8+ characters, upper and lower case, a digit, not a
 * common password) everywhere, `strict` adds a special character (003's documented rules).
 */
export type PasswordPolicy = 'standard' | 'strict';

/** Throws IDENTITY_WEAK_PASSWORD with a message saying which rule failed. */
export function assertPasswordPolicy(password: string, field = 'password', policy: PasswordPolicy = 'standard'): void {
  if (password.length < 8) throw weakPassword('Password must be at least 8 characters long', field);
  if (password.length > PASSWORD_MAX_LENGTH)
    throw weakPassword(`Password must be at most ${PASSWORD_MAX_LENGTH} characters long`, field);
  if (!/[A-Z]/.test(password)) throw weakPassword('Password must contain an uppercase letter', field);
  if (!/[a-z]/.test(password)) throw weakPassword('Password must contain a lowercase letter', field);
  if (!/[0-9]/.test(password)) throw weakPassword('Password must contain a digit', field);
  if (policy === 'strict' && !/[^A-Za-z0-9]/.test(password))
    throw weakPassword('Password must contain a special character', field);
  if (COMMON_PASSWORDS.has(password.toLowerCase()))
    throw weakPassword('This password is too common; choose another', field);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS as never);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Users without a password (Google or phone sign-up) still cost one hash, so timing does not
  // reveal which accounts exist.
  const target = passwordHash ?? (await dummyHash());
  const ok = await verify(target, password).catch(() => false);
  return ok && passwordHash !== null;
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hash('lectern-dummy-password', OPTIONS as never);
  return dummy;
}
