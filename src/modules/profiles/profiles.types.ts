// The profiles module's domain inputs and outputs, shared by every surface (native, 002, 003).
import type { Role } from '../../platform/actor.ts';
import type { Paged } from '../../platform/paging.ts';
import type { Course } from '../catalog/index.ts';

/** 003's allowed values. */
export const GENDERS = ['male', 'female', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/** 003's "Experience Levels": `experience_id` 1-5. */
export const EXPERIENCE_LEVELS = [
  { id: 1, name: 'Entry Level', years: '0-1 years' },
  { id: 2, name: 'Junior', years: '1-3 years' },
  { id: 3, name: 'Mid-Level', years: '3-5 years' },
  { id: 4, name: 'Senior', years: '5-8 years' },
  { id: 5, name: 'Expert', years: '8+ years' },
] as const;
export type ExperienceId = (typeof EXPERIENCE_LEVELS)[number]['id'];

/** Skill proficiency is stored as 1-5; these names are accepted for it and shown beside it. */
export const PROFICIENCY_LEVELS = ['beginner', 'elementary', 'intermediate', 'advanced', 'expert'] as const;
export type ProficiencyLevel = (typeof PROFICIENCY_LEVELS)[number];
/** Skills one profile holds at most (a public profile shows them all). */
export const MAX_SKILLS = 50;

export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];
export const VIDEO_QUALITIES = ['auto', '240p', '360p', '480p', '720p', '1080p'] as const;
export type VideoQuality = (typeof VIDEO_QUALITIES)[number];
export const NOTIFICATION_PREFERENCES = [
  'email',
  'push',
  'sms',
  'course_updates',
  'assignment_reminders',
  'messages',
  'marketing',
] as const;
export type NotificationPreference = (typeof NOTIFICATION_PREFERENCES)[number];
export const PLAYBACK_SPEED = { min: 0.25, max: 3 } as const;

/** The networks a profile links to; `twitter` holds an X (Twitter) address. */
export const SOCIAL_NETWORKS = [
  'website',
  'github',
  'linkedin',
  'twitter',
  'youtube',
  'facebook',
  'instagram',
] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

/** Profile facts stored by this module; every one is optional (null) and reset to null by a full update. */
export interface ProfileFields {
  nickname: string | null;
  bio: string | null;
  location: string | null;
  /** `YYYY-MM-DD`. Private: never in a public profile. */
  birth_date: string | null;
  /** Private: never in a public profile. */
  gender: Gender | null;
  country: string | null;
  city: string | null;
  company: string | null;
  position: string | null;
  experience_id: ExperienceId | null;
}

/** The owner's (or an admin's) view of a profile. Names and avatar are identity's, read through. */
export interface Profile extends ProfileFields {
  user_id: string;
  first_name: string;
  last_name: string;
  full_name: string;
  /** Set by the avatar upload flow (files module), never by a profile update. */
  avatar_url: string | null;
  /** The last profile write; the account's creation while the profile has never been written. */
  updated_at: Date;
}

/**
 * A profile write as a surface hands it in, before validation (the module checks every value, so
 * a lenient surface may pass what its client sent). `undefined` means "not sent"; `null` or an
 * empty string clears. Names are written to the account; a full update leaves names that were
 * not sent as they are (an account has no default name), every other field goes back to null.
 */
export interface ProfileInput {
  first_name?: string | undefined;
  /** null clears it (an empty last name). */
  last_name?: string | null | undefined;
  nickname?: string | null | undefined;
  bio?: string | null | undefined;
  location?: string | null | undefined;
  birth_date?: string | null | undefined;
  gender?: string | null | undefined;
  country?: string | null | undefined;
  city?: string | null | undefined;
  company?: string | null | undefined;
  position?: string | null | undefined;
  experience_id?: number | null | undefined;
}

export type NotificationSettings = Record<NotificationPreference, boolean>;

export interface VideoSettings {
  /** 0.25 to 3. */
  playback_speed: number;
  autoplay: boolean;
  quality: VideoQuality;
  captions: boolean;
}

export interface SettingValues {
  theme: Theme;
  /** A BCP 47 language tag in canonical form (`en`, `pt-BR`). */
  language: string;
  notifications: NotificationSettings;
  video: VideoSettings;
}

export interface Settings extends SettingValues {
  user_id: string;
  /** The last settings write; the account's creation while they have never been written. */
  updated_at: Date;
}

/**
 * A settings write before validation. A full update resets what was not sent to the defaults
 * (inside `notifications` and `video` too); a partial one changes only the keys sent.
 */
export interface SettingsInput {
  theme?: string | undefined;
  language?: string | undefined;
  notifications?: Partial<Record<NotificationPreference, boolean>> | undefined;
  video?:
    | {
        playback_speed?: number | undefined;
        autoplay?: boolean | undefined;
        quality?: string | undefined;
        captions?: boolean | undefined;
      }
    | undefined;
}

export type SocialLinkValues = Record<SocialNetwork, string | null>;

export interface SocialLinks extends SocialLinkValues {
  user_id: string;
  updated_at: Date;
}

/** http(s) URLs; `null` or an empty string clears a link. A full update clears what was not sent. */
export type SocialLinksInput = Partial<Record<SocialNetwork, string | null | undefined>>;

export interface Skill {
  id: string;
  user_id: string;
  name: string;
  /** 1 (beginner) to 5 (expert); see PROFICIENCY_LEVELS. */
  proficiency: number;
  created_at: Date;
  updated_at: Date;
}

/** `proficiency` as 1-5 or a level name (`beginner` … `expert`); 3 (intermediate) when omitted. */
export interface SkillInput {
  name: string;
  proficiency?: number | string | undefined;
}

export interface SkillChanges {
  name?: string | undefined;
  proficiency?: number | string | undefined;
}

/** What anyone (also anonymous callers) may see of an active user. */
export interface PublicProfile {
  user_id: string;
  role: Role;
  first_name: string;
  last_name: string;
  full_name: string;
  avatar_url: string | null;
  nickname: string | null;
  bio: string | null;
  location: string | null;
  country: string | null;
  city: string | null;
  company: string | null;
  position: string | null;
  experience_id: ExperienceId | null;
  social_links: SocialLinkValues;
  skills: Skill[];
  /** Published courses the user owns or co-teaches; null unless the user is an instructor or admin. */
  courses: Paged<Course> | null;
}
