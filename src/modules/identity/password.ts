// Password policy and hashing. argon2id at OWASP parameters, run on libuv's thread pool so the
// event loop stays free (about 9 ms per hash on our 2-core machine).
import { hash, verify } from '@node-rs/argon2';

import { weakPassword } from './identity.errors.ts';
import type { PasswordPolicy } from './password-rules.ts';
import { passwordProblem } from './password-rules.ts';

export type { PasswordPolicy } from './password-rules.ts';
export { PASSWORD_MAX_LENGTH } from './password-rules.ts';

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Throws IDENTITY_WEAK_PASSWORD with a message saying which rule failed. */
export function assertPasswordPolicy(password: string, field = 'password', policy: PasswordPolicy = 'standard'): void {
  const problem = passwordProblem(password, policy);
  if (problem) throw weakPassword(problem, field);
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
