// 002's user profile bodies and answers (users.UserProfile, UserSettings, UserSocial, UserSkill).
// Unknown fields are ignored; `id`, `email`, `role`, `avatar_url` and dates are read-only. The
// profiles module checks every value and lists every problem at once, so the bodies here only
// bound sizes and types.
import type { TSchema } from 'typebox';
import { Type } from 'typebox';

import type { NotificationPreference, SocialNetwork } from '../../modules/profiles/index.ts';
import {
  EXPERIENCE_LEVELS,
  GENDERS,
  PLAYBACK_SPEED,
  PROFICIENCY_LEVELS,
  THEMES,
  VIDEO_QUALITIES,
} from '../../modules/profiles/index.ts';
import { DateOnly, DateTime, Int, Nullable, NullableInt, NullableScalar, StringEnum, Uuid } from '../kit/schemas.ts';
import { CourseOut } from './courses.schemas.ts';

const EXPERIENCE_TEXT = `Experience level 1-5: ${EXPERIENCE_LEVELS.map((l) => `${l.id} = ${l.name}`).join(', ')}.`;
const PROFICIENCY_TEXT = `1-5, or a level name in any case: ${PROFICIENCY_LEVELS.map((name, i) => `${name} (${i + 1})`).join(', ')}. Stored and answered as 1-5, with the name in \`proficiency_level\`.`;

/** A text field a client may clear with null or "". */
const text = (max: number) => Type.Optional(NullableScalar(Type.String({ maxLength: max })));

const profileWritable = {
  first_name: Type.Optional(Type.String({ maxLength: 100, description: "The account's first name." })),
  last_name: Type.Optional(NullableScalar(Type.String({ maxLength: 100, description: "The account's last name." }))),
  nickname: text(50),
  bio: text(2000),
  location: text(255),
  birth_date: Type.Optional(NullableScalar(Type.String({ maxLength: 10, description: '`YYYY-MM-DD`; private.' }))),
  gender: Type.Optional(
    NullableScalar(Type.String({ maxLength: 20, description: `One of ${GENDERS.join(', ')}; private.` })),
  ),
  country: text(100),
  city: text(100),
  company: text(150),
  position: text(150),
  experience_level: Type.Optional(NullableInt(1, EXPERIENCE_LEVELS.length, { description: EXPERIENCE_TEXT })),
};

/** PUT: a full update — profile fields not sent go back to null (names not sent stay as they are). */
export const ReplaceMeBody = Type.Object(profileWritable, {
  description:
    'Full update: every profile field not sent goes back to null; first and last name stay when not sent. `email`, `role`, `id` and `avatar_url` are read-only and ignored.',
});
/** PATCH: only the fields sent change. */
export const UpdateMeBody = Type.Object(profileWritable, {
  description: 'Partial update: only the fields sent change; null clears one. Read-only fields are ignored.',
});

const profileFacts = {
  avatar_url: Nullable(Type.String({ description: 'Read-only here: set by the avatar upload.' })),
  nickname: Nullable(Type.String()),
  bio: Nullable(Type.String()),
  location: Nullable(Type.String()),
  country: Nullable(Type.String()),
  city: Nullable(Type.String()),
  company: Nullable(Type.String()),
  position: Nullable(Type.String()),
  experience_level: Nullable(Int(1, EXPERIENCE_LEVELS.length, { description: EXPERIENCE_TEXT })),
};

export const MeOut = Type.Object({
  id: Uuid,
  email: Nullable(Type.String({ description: 'Null for an account signed up by phone.' })),
  role: StringEnum(['student', 'instructor', 'admin']),
  is_verified: Type.Boolean(),
  date_joined: DateTime,
  first_name: Type.String(),
  last_name: Type.String(),
  full_name: Type.String(),
  ...profileFacts,
  birth_date: Nullable(DateOnly),
  gender: Nullable(StringEnum(GENDERS)),
  updated_at: DateTime,
});

// Settings

const notificationFlags = Object.fromEntries(
  (['email', 'push', 'sms', 'course_updates', 'assignment_reminders', 'messages', 'marketing'] as const).map((key) => [
    key,
    Type.Boolean(),
  ]),
) as Record<NotificationPreference, ReturnType<typeof Type.Boolean>>;
const videoFields = {
  playback_speed: Type.Number({ minimum: PLAYBACK_SPEED.min, maximum: PLAYBACK_SPEED.max }),
  autoplay: Type.Boolean(),
  quality: StringEnum(VIDEO_QUALITIES),
  captions: Type.Boolean(),
};

export const SettingsOut = Type.Object({
  theme: StringEnum(THEMES),
  language: Type.String({ description: 'BCP 47 language tag.' }),
  notifications: Type.Object(notificationFlags),
  video: Type.Object(videoFields),
  updated_at: DateTime,
});

const settingsWritable = {
  theme: Type.Optional(StringEnum(THEMES)),
  language: Type.Optional(Type.String({ minLength: 2, maxLength: 35, description: 'BCP 47 tag, e.g. en or pt-BR.' })),
  notifications: Type.Optional(Type.Partial(Type.Object(notificationFlags))),
  video: Type.Optional(Type.Partial(Type.Object(videoFields))),
};
export const ReplaceSettingsBody = Type.Object(settingsWritable, {
  description: 'Full update: what is not sent goes back to its default (inside `notifications` and `video` too).',
});
export const UpdateSettingsBody = Type.Object(settingsWritable, {
  description: 'Partial update: only the keys sent change, inside `notifications` and `video` too.',
});

// Social links

const out = () => Nullable(Type.String());
const linkOut = {
  website: out(),
  github: out(),
  linkedin: out(),
  twitter: out(),
  youtube: out(),
  facebook: out(),
  instagram: out(),
} satisfies Record<SocialNetwork, TSchema>;
const link = () =>
  Type.Optional(NullableScalar(Type.String({ maxLength: 2048, description: 'An http(s) URL; null or "" clears it.' })));
const linkIn = {
  website: link(),
  github: link(),
  linkedin: link(),
  twitter: link(),
  youtube: link(),
  facebook: link(),
  instagram: link(),
} satisfies Record<SocialNetwork, TSchema>;

export const SocialOut = Type.Object(
  { ...linkOut, updated_at: DateTime },
  { description: '`twitter` holds an X link.' },
);
export const ReplaceSocialBody = Type.Object(linkIn, {
  description: 'Full update: links not sent are cleared. Every link is an http(s) URL.',
});
export const UpdateSocialBody = Type.Object(linkIn, { description: 'Partial update: only the links sent change.' });

// Skills

const ProficiencyIn = Type.Union([Type.Integer({ minimum: -1_000, maximum: 1_000 }), Type.String({ maxLength: 20 })], {
  description: PROFICIENCY_TEXT,
});
export const SkillBody = Type.Object({
  name: Type.String({ maxLength: 100, description: 'Unique per user, whatever its case.' }),
  proficiency: Type.Optional(ProficiencyIn),
});
export const SkillPatchBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 100 })),
  proficiency: Type.Optional(ProficiencyIn),
});
export const SkillOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  proficiency: Int(1, PROFICIENCY_LEVELS.length, { description: PROFICIENCY_TEXT }),
  proficiency_level: StringEnum(PROFICIENCY_LEVELS),
  created_at: DateTime,
  updated_at: DateTime,
});

// Public profile

export const PublicUserOut = Type.Object({
  id: Uuid,
  role: StringEnum(['student', 'instructor', 'admin']),
  first_name: Type.String(),
  last_name: Type.String(),
  full_name: Type.String(),
  ...profileFacts,
  social: Type.Object(linkOut),
  skills: Type.Array(SkillOut),
  courses: Nullable(
    Type.Array(CourseOut, { description: 'Published courses they teach (the first 100); null for students.' }),
  ),
  course_count: Nullable(Type.Integer({ description: 'How many published courses they teach; null for students.' })),
});
