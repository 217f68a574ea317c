// The profiles module's domain errors, with stable codes.
import type { ErrorDetail } from '../../platform/errors.ts';
import { DomainError, notFound } from '../../platform/errors.ts';

/** Every invalid field of one write at once (002 lists them all; 001 and 003 show them too). */
export const invalidProfileInput = (details: ErrorDetail[]) =>
  new DomainError(
    'validation',
    'PROFILES_INVALID_INPUT',
    details.map((detail) => (detail.field ? `${detail.field}: ${detail.message}` : detail.message)).join('; '),
    { details },
  );

export const notProfileOwner = () =>
  new DomainError('forbidden', 'PROFILES_FORBIDDEN', 'Only the user themselves or an admin may do this');

/** Deleted accounts, and blocked ones for everyone but themselves and admins. */
export const profileNotFound = (userId: string) =>
  new DomainError('not_found', 'PROFILES_USER_NOT_FOUND', `User ${userId} not found`);

export const skillNotFound = (skillId: string) => notFound('Skill', skillId);

export const duplicateSkill = (name: string) =>
  new DomainError('conflict', 'PROFILES_SKILL_EXISTS', `The skill "${name}" is already on this profile`);

export const tooManySkills = (max: number) =>
  new DomainError('conflict', 'PROFILES_TOO_MANY_SKILLS', `A profile holds at most ${max} skills`);
