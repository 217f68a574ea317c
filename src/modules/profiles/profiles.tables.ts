import type { ColumnType, Generated, Selectable } from 'kysely';

import type {
  ExperienceId,
  Gender,
  NotificationSettings,
  SocialNetwork,
  Theme,
  VideoSettings,
} from './profiles.types.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** jsonb: parsed on read, written as JSON text. */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface ProfilesTable {
  user_id: string;
  nickname: Optional<string>;
  bio: Optional<string>;
  location: Optional<string>;
  /** `YYYY-MM-DD` (dates are read as plain strings). */
  birth_date: Optional<string>;
  gender: Optional<Gender>;
  country: Optional<string>;
  city: Optional<string>;
  company: Optional<string>;
  position: Optional<string>;
  experience_id: Optional<ExperienceId>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Sparse: null columns and missing keys mean "the default". */
export interface ProfileSettingsTable {
  user_id: string;
  theme: Optional<Theme>;
  language: Optional<string>;
  notifications: Json<Partial<NotificationSettings>>;
  video: Json<Partial<VideoSettings>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ProfileSocialLinksTable = { user_id: string; created_at: Timestamp; updated_at: Timestamp } & Record<
  SocialNetwork,
  Optional<string>
>;

export interface ProfileSkillsTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  proficiency: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ProfileRow = Selectable<ProfilesTable>;
export type ProfileSettingsRow = Selectable<ProfileSettingsTable>;
export type ProfileSocialLinksRow = Selectable<ProfileSocialLinksTable>;
export type ProfileSkillRow = Selectable<ProfileSkillsTable>;

declare module '../../platform/db/database.ts' {
  interface Database {
    profiles: ProfilesTable;
    profile_settings: ProfileSettingsTable;
    profile_social_links: ProfileSocialLinksTable;
    profile_skills: ProfileSkillsTable;
  }
}
