// Gathers the facts the policy decides on (the owner's account) and applies it, for every service.
import type { Actor } from '../../platform/actor.ts';
import { notProfileOwner, profileNotFound } from './profiles.errors.ts';
import { canManageProfile, canViewPublicProfile } from './profiles.policy.ts';
import type { IdentityPort, ProfileOwner } from './profiles.ports.ts';

export function createProfileAccess(identity: Pick<IdentityPort, 'findUser'>) {
  return {
    /** The account whose private profile data `actor` reads or changes; refused unless it is theirs or they are an admin. */
    async manageable(actor: Actor, userId: string): Promise<ProfileOwner> {
      if (!canManageProfile(actor, userId)) throw notProfileOwner();
      return identity.findUser(userId);
    },

    /** The account whose public profile `actor` (anyone) reads; a blocked one is not found but for itself and admins. */
    async visible(actor: Actor | null, userId: string): Promise<ProfileOwner> {
      const owner = await identity.findUser(userId);
      if (!canViewPublicProfile(actor, owner)) throw profileNotFound(userId);
      return owner;
    },
  };
}

export type ProfileAccess = ReturnType<typeof createProfileAccess>;
