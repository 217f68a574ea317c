// The profiles module's public API: a user's profile (names and avatar read through identity),
// settings, social links and skills, and the public profile anyone may read. Every surface (001's
// native, 002's Django, 003's services) calls these; who may do what is decided here.
//
// Private calls take the actor and the user whose data it is (`actor.id` for "me"); the owner and
// admins may, anyone else is refused. Nothing needs creating first: a user without stored
// profile data reads the defaults, and the first write stores it.
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/index.ts';
import { profileRepo } from './profile.repo.ts';
import { createProfileService } from './profile.service.ts';
import { createProfileAccess } from './profile-access.ts';
import type { ProfilesPorts } from './profiles.ports.ts';
import { settingsRepo } from './settings.repo.ts';
import { createSettingsService } from './settings.service.ts';
import { skillRepo } from './skill.repo.ts';
import { createSkillService } from './skill.service.ts';
import { socialLinksRepo } from './social-links.repo.ts';
import { createSocialLinksService } from './social-links.service.ts';

export type { PublicProfileOptions } from './profile.service.ts';
export type { CatalogPort, IdentityPort, ProfileOwner, ProfilesPorts } from './profiles.ports.ts';
export type * from './profiles.types.ts';
export {
  EXPERIENCE_LEVELS,
  GENDERS,
  MAX_SKILLS,
  NOTIFICATION_PREFERENCES,
  PLAYBACK_SPEED,
  PROFICIENCY_LEVELS,
  SOCIAL_NETWORKS,
  THEMES,
  VIDEO_QUALITIES,
} from './profiles.types.ts';
export { DEFAULT_SETTINGS } from './settings-input.ts';
export { DEFAULT_PROFICIENCY, proficiencyLevel } from './skill-input.ts';

export interface ProfilesDeps extends ProfilesPorts {
  database: DatabaseHandle;
  clock: Clock;
}

export function createProfilesModule({ database, clock, identity, catalog }: ProfilesDeps) {
  const access = createProfileAccess(identity);
  const profiles = createProfileService({ database, clock, identity, catalog, access });
  const settings = createSettingsService({ database, clock, access });
  const socialLinks = createSocialLinksService({ database, clock, access });
  const skills = createSkillService({ database, clock, access });

  return {
    getProfile: profiles.get,
    replaceProfile: profiles.replace,
    updateProfile: profiles.update,
    getPublicProfile: profiles.getPublic,

    getSettings: settings.get,
    replaceSettings: settings.replace,
    updateSettings: settings.update,

    getSocialLinks: socialLinks.get,
    replaceSocialLinks: socialLinks.replace,
    updateSocialLinks: socialLinks.update,

    listSkills: skills.list,
    getSkill: skills.get,
    addSkill: skills.add,
    updateSkill: skills.update,
    removeSkill: skills.remove,

    // For other modules
    /** Erases a user's stored profile data inside the caller's transaction (an account deletion). */
    async eraseUserData(tx: Tx, userId: string): Promise<void> {
      await skillRepo.removeAll(tx, userId);
      await socialLinksRepo.remove(tx, userId);
      await settingsRepo.remove(tx, userId);
      await profileRepo.remove(tx, userId);
    },
  };
}

export type ProfilesModule = ReturnType<typeof createProfilesModule>;
