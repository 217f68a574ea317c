// Social links: website, GitHub, LinkedIn, X (Twitter), YouTube, Facebook, Instagram.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { WriteMode } from './input-rules.ts';
import type { ProfileAccess } from './profile-access.ts';
import { parseSocialLinksInput } from './profile-input.ts';
import { toSocialLinks } from './profile-view.ts';
import type { SocialLinks, SocialLinksInput } from './profiles.types.ts';
import { socialLinksRepo } from './social-links.repo.ts';

export function createSocialLinksService({
  database,
  clock,
  access,
}: {
  database: DatabaseHandle;
  clock: Clock;
  access: ProfileAccess;
}) {
  const { db } = database;

  async function write(actor: Actor, userId: string, input: SocialLinksInput, mode: WriteMode): Promise<SocialLinks> {
    const owner = await access.manageable(actor, userId);
    const links = parseSocialLinksInput(input, mode);
    return toSocialLinks(owner, await socialLinksRepo.upsert(db, owner.id, links, clock.now()));
  }

  return {
    async get(actor: Actor, userId: string): Promise<SocialLinks> {
      const owner = await access.manageable(actor, userId);
      return toSocialLinks(owner, await socialLinksRepo.find(db, owner.id));
    },

    /** Full update: links not sent are cleared. */
    replace: (actor: Actor, userId: string, input: SocialLinksInput) => write(actor, userId, input, 'replace'),

    /** Partial update: only the links sent change (null clears one). */
    update: (actor: Actor, userId: string, input: SocialLinksInput) => write(actor, userId, input, 'merge'),
  };
}

export type SocialLinksService = ReturnType<typeof createSocialLinksService>;
