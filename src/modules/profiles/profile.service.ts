// The profile proper: the owner's (or an admin's) view and writes, and the public profile anyone
// may read. Names live on the account and are written through identity in the same transaction.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { PageRequest } from '../../platform/paging.ts';
import { MAX_PAGE_SIZE } from '../../platform/paging.ts';
import type { WriteMode } from './input-rules.ts';
import { profileRepo } from './profile.repo.ts';
import type { ProfileAccess } from './profile-access.ts';
import { parseProfileInput } from './profile-input.ts';
import { toProfile, toSocialLinkValues } from './profile-view.ts';
import { showsCourses } from './profiles.policy.ts';
import type { CatalogPort, IdentityPort } from './profiles.ports.ts';
import type { Profile, ProfileInput, PublicProfile } from './profiles.types.ts';
import { MAX_SKILLS } from './profiles.types.ts';
import { skillRepo } from './skill.repo.ts';
import { socialLinksRepo } from './social-links.repo.ts';

export interface ProfileServiceDeps {
  database: DatabaseHandle;
  clock: Clock;
  identity: Pick<IdentityPort, 'renameUser'>;
  catalog: CatalogPort;
  access: ProfileAccess;
}

export interface PublicProfileOptions {
  /** Which of an instructor's published courses to include (default: the first 100). */
  courses?: PageRequest | undefined;
}

export function createProfileService({ database, clock, identity, catalog, access }: ProfileServiceDeps) {
  const { db } = database;

  async function write(actor: Actor, userId: string, input: ProfileInput, mode: WriteMode): Promise<Profile> {
    const owner = await access.manageable(actor, userId);
    const today = clock.now().toISOString().slice(0, 10);
    const { names, fields } = parseProfileInput(input, mode, today);
    return database.transaction(async (tx) => {
      const account = Object.keys(names).length > 0 ? await identity.renameUser(tx, owner.id, names) : owner;
      // Every write goes through the row, so updated_at moves for a rename too.
      const row = await profileRepo.upsert(tx, owner.id, fields, clock.now());
      return toProfile(account, row);
    });
  }

  return {
    async get(actor: Actor, userId: string): Promise<Profile> {
      const owner = await access.manageable(actor, userId);
      return toProfile(owner, await profileRepo.find(db, owner.id));
    },

    /** Full update: fields not sent go back to null; names not sent stay. */
    replace: (actor: Actor, userId: string, input: ProfileInput) => write(actor, userId, input, 'replace'),

    /** Partial update: only the fields sent change. */
    update: (actor: Actor, userId: string, input: ProfileInput) => write(actor, userId, input, 'merge'),

    /** Public fields only (never contact details, birth date, gender or settings), with skills, links and taught courses. */
    async getPublic(actor: Actor | null, userId: string, options: PublicProfileOptions = {}): Promise<PublicProfile> {
      const owner = await access.visible(actor, userId);
      const [row, links, skills, courses] = await Promise.all([
        profileRepo.find(db, owner.id),
        socialLinksRepo.find(db, owner.id),
        skillRepo.list(db, owner.id, { limit: MAX_SKILLS, offset: 0 }),
        showsCourses(owner)
          ? // As an anonymous visitor sees them: published courses only, whoever asks.
            catalog.listCourses(
              null,
              { instructorId: owner.id, status: 'published' },
              options.courses ?? { limit: MAX_PAGE_SIZE, offset: 0 },
            )
          : null,
      ]);
      const profile = toProfile(owner, row);
      return {
        user_id: owner.id,
        role: owner.role,
        first_name: profile.first_name,
        last_name: profile.last_name,
        full_name: profile.full_name,
        avatar_url: profile.avatar_url,
        nickname: profile.nickname,
        bio: profile.bio,
        location: profile.location,
        country: profile.country,
        city: profile.city,
        company: profile.company,
        position: profile.position,
        experience_id: profile.experience_id,
        social_links: toSocialLinkValues(links),
        skills: skills.items,
        courses,
      };
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
