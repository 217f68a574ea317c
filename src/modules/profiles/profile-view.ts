// Stored rows (or their absence) and the owner's account to the module's outputs.
import type { ProfileOwner } from './profiles.ports.ts';
import type { ProfileRow, ProfileSettingsRow, ProfileSocialLinksRow } from './profiles.tables.ts';
import type { Profile, Settings, SocialLinks, SocialLinkValues } from './profiles.types.ts';
import { SOCIAL_NETWORKS } from './profiles.types.ts';
import { withDefaults } from './settings-input.ts';

/** A profile never written reads as empty fields, last changed when the account was created. */
export function toProfile(owner: ProfileOwner, row: ProfileRow | undefined): Profile {
  return {
    user_id: owner.id,
    first_name: owner.first_name,
    last_name: owner.last_name,
    full_name: owner.full_name,
    avatar_url: owner.avatar_url,
    nickname: row?.nickname ?? null,
    bio: row?.bio ?? null,
    location: row?.location ?? null,
    birth_date: row?.birth_date ?? null,
    gender: row?.gender ?? null,
    country: row?.country ?? null,
    city: row?.city ?? null,
    company: row?.company ?? null,
    position: row?.position ?? null,
    experience_id: row?.experience_id ?? null,
    updated_at: row?.updated_at ?? owner.created_at,
  };
}

export function toSettings(owner: ProfileOwner, row: ProfileSettingsRow | undefined): Settings {
  return { user_id: owner.id, ...withDefaults(row), updated_at: row?.updated_at ?? owner.created_at };
}

export function toSocialLinkValues(row: ProfileSocialLinksRow | undefined): SocialLinkValues {
  const links = {} as SocialLinkValues;
  for (const network of SOCIAL_NETWORKS) links[network] = row?.[network] ?? null;
  return links;
}

export function toSocialLinks(owner: ProfileOwner, row: ProfileSocialLinksRow | undefined): SocialLinks {
  return { user_id: owner.id, ...toSocialLinkValues(row), updated_at: row?.updated_at ?? owner.created_at };
}
