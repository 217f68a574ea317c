// Profile, settings, social-link and skill shapes of the native surface (003's profile fields,
// 002's settings, social links and skills), in 001's style.
import type { TSchema } from 'typebox';
import { Type } from 'typebox';

import type {
  NotificationPreference,
  ProficiencyLevel as ProficiencyLevelName,
  SocialNetwork,
} from '../../modules/profiles/index.ts';
import {
  EXPERIENCE_LEVELS,
  GENDERS,
  PLAYBACK_SPEED,
  PROFICIENCY_LEVELS,
  THEMES,
  VIDEO_QUALITIES,
} from '../../modules/profiles/index.ts';
import {
  DateOnly,
  DateTime,
  Int,
  Nullable,
  NullableScalar,
  PageQuery,
  StringEnum,
  Text,
  Url,
  Uuid,
} from '../kit/schemas.ts';
import { CourseOut } from './courses.schemas.ts';

const Gender = StringEnum(GENDERS, { description: 'Private: never shown on the public profile.' });
const EXPERIENCE_NAMES = EXPERIENCE_LEVELS.map((level) => level.name);
const ExperienceId = Int(1, EXPERIENCE_LEVELS.length, {
  description: `Experience level: ${EXPERIENCE_LEVELS.map((l) => `${l.id} = ${l.name} (${l.years})`).join(', ')}.`,
});
const ExperienceLevel = StringEnum(EXPERIENCE_NAMES, { description: 'The name of `experience_id`.' });
const Proficiency = Int(1, PROFICIENCY_LEVELS.length, {
  description: `1-5: ${PROFICIENCY_LEVELS.map((name, i) => `${i + 1} = ${name}`).join(', ')}.`,
});
const ProficiencyLevel = StringEnum(PROFICIENCY_LEVELS);
/** An http(s) link; the module checks the host too. */
const HttpUrl = { ...Url, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' } as typeof Url;

export const UserParams = Type.Object({ user_id: Uuid });
export const SkillParams = Type.Object({ skill_id: Uuid });
export const SkillListQuery = PageQuery;

// Profile

const profileFacts = {
  nickname: Nullable(Type.String()),
  bio: Nullable(Type.String()),
  location: Nullable(Type.String()),
  country: Nullable(Type.String()),
  city: Nullable(Type.String()),
  company: Nullable(Type.String()),
  position: Nullable(Type.String()),
  experience_id: Nullable(ExperienceId),
  experience_level: Nullable(ExperienceLevel),
};

export const ProfileOut = Type.Object({
  user_id: Uuid,
  first_name: Type.String(),
  last_name: Type.String(),
  full_name: Type.String(),
  avatar_url: Nullable(Type.String({ description: 'Set by the avatar upload (POST /users/me/avatar/presign).' })),
  ...profileFacts,
  birth_date: Nullable(DateOnly),
  gender: Nullable(Gender),
  updated_at: DateTime,
});

/** null clears a field; so does a blank string for the text fields. */
const profileWritable = {
  first_name: Type.Optional(Text(1, 100, { description: 'Account name; stays as it is when not sent.' })),
  last_name: Type.Optional(Text(0, 100, { description: 'Account name; stays as it is when not sent.' })),
  nickname: Type.Optional(NullableScalar(Text(0, 50))),
  bio: Type.Optional(NullableScalar(Text(0, 2000))),
  location: Type.Optional(NullableScalar(Text(0, 255))),
  birth_date: Type.Optional(NullableScalar(DateOnly)),
  gender: Type.Optional(NullableScalar(Gender)),
  country: Type.Optional(NullableScalar(Text(0, 100))),
  city: Type.Optional(NullableScalar(Text(0, 100))),
  company: Type.Optional(NullableScalar(Text(0, 150))),
  position: Type.Optional(NullableScalar(Text(0, 150))),
  experience_id: Type.Optional(NullableScalar(ExperienceId)),
};

export const ReplaceProfileBody = Type.Object(profileWritable, {
  additionalProperties: false,
  description: 'Full update: profile fields not sent go back to null; first and last name stay when not sent.',
});
export const UpdateProfileBody = Type.Object(profileWritable, {
  additionalProperties: false,
  description: 'Partial update: only the fields sent change; null clears one (a blank string too, for text).',
});

// Settings

const Speed = Type.Number({ minimum: PLAYBACK_SPEED.min, maximum: PLAYBACK_SPEED.max });
const notificationFlags = {
  email: Type.Boolean(),
  push: Type.Boolean(),
  sms: Type.Boolean(),
  course_updates: Type.Boolean(),
  assignment_reminders: Type.Boolean(),
  messages: Type.Boolean(),
  marketing: Type.Boolean(),
} satisfies Record<NotificationPreference, TSchema>;
const videoFields = {
  playback_speed: Speed,
  autoplay: Type.Boolean(),
  quality: StringEnum(VIDEO_QUALITIES),
  captions: Type.Boolean(),
};

export const SettingsOut = Type.Object({
  user_id: Uuid,
  theme: StringEnum(THEMES),
  language: Type.String({ description: 'BCP 47 language tag.' }),
  notifications: Type.Object(notificationFlags),
  video: Type.Object(videoFields),
  updated_at: DateTime,
});

export const UpdateSettingsBody = Type.Object(
  {
    theme: Type.Optional(StringEnum(THEMES)),
    language: Type.Optional(Text(2, 35, { description: 'BCP 47 language tag, e.g. en or pt-BR.' })),
    notifications: Type.Optional(Type.Partial(Type.Object(notificationFlags), { additionalProperties: false })),
    video: Type.Optional(Type.Partial(Type.Object(videoFields), { additionalProperties: false })),
  },
  {
    additionalProperties: false,
    description: 'Partial update: only the keys sent change, inside `notifications` and `video` too.',
  },
);

// Social links

const link = () => Nullable(Type.String());
const linkValues = {
  website: link(),
  github: link(),
  linkedin: link(),
  twitter: link(),
  youtube: link(),
  facebook: link(),
  instagram: link(),
} satisfies Record<SocialNetwork, TSchema>;
const linkIn = () => Type.Optional(NullableScalar(HttpUrl));
const linkInputs = {
  website: linkIn(),
  github: linkIn(),
  linkedin: linkIn(),
  twitter: linkIn(),
  youtube: linkIn(),
  facebook: linkIn(),
  instagram: linkIn(),
} satisfies Record<SocialNetwork, TSchema>;

export const SocialLinksOut = Type.Object({ user_id: Uuid, ...linkValues, updated_at: DateTime });
export const SocialLinkValuesOut = Type.Object(linkValues, { description: '`twitter` holds an X (Twitter) link.' });

export const ReplaceSocialLinksBody = Type.Object(linkInputs, {
  additionalProperties: false,
  description: 'Full update: links not sent are cleared. Every link is an http(s) URL.',
});
export const UpdateSocialLinksBody = Type.Object(linkInputs, {
  additionalProperties: false,
  description: 'Partial update: only the links sent change; null clears one.',
});

// Skills

export const SkillOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  proficiency: Proficiency,
  proficiency_level: ProficiencyLevel,
  created_at: DateTime,
  updated_at: DateTime,
});

/** One enum of both forms (not anyOf), so a refusal reads as one message naming every allowed value. */
const ProficiencyIn = Type.Unsafe<number | ProficiencyLevelName>({
  enum: [...PROFICIENCY_LEVELS.map((_, i) => i + 1), ...PROFICIENCY_LEVELS],
  description: `1-5 or a level name (${PROFICIENCY_LEVELS.join(', ')}).`,
});
const SkillName = Text(1, 100, { description: 'Unique per user, whatever its case.' });

export const CreateSkillBody = Type.Object(
  { name: SkillName, proficiency: Type.Optional(ProficiencyIn) },
  { additionalProperties: false, description: 'Proficiency defaults to 3 (intermediate).' },
);
export const UpdateSkillBody = Type.Object(
  { name: Type.Optional(SkillName), proficiency: Type.Optional(ProficiencyIn) },
  { additionalProperties: false },
);

// Public profile

export const PublicProfileOut = Type.Object({
  user_id: Uuid,
  role: StringEnum(['student', 'instructor', 'admin']),
  first_name: Type.String(),
  last_name: Type.String(),
  full_name: Type.String(),
  avatar_url: Nullable(Type.String()),
  ...profileFacts,
  social_links: SocialLinkValuesOut,
  skills: Type.Array(SkillOut),
  courses: Nullable(
    Type.Array(CourseOut, { description: 'Published courses they teach (the first 100); null for students.' }),
  ),
  course_count: Nullable(Type.Integer({ description: 'How many published courses they teach; null for students.' })),
});
