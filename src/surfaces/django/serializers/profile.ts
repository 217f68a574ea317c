// Profiles in 002's words: the account and its profile as one `users/me/` object, settings,
// social links (`social`), skills, and the public profile. Every field is listed: birth date,
// gender, email, phone and settings never reach a public profile.
import type { User } from '../../../modules/identity/index.ts';
import type {
  Profile,
  ProfileInput,
  PublicProfile,
  Settings,
  Skill,
  SocialLinks,
  SocialLinkValues,
} from '../../../modules/profiles/index.ts';
import { proficiencyLevel } from '../../../modules/profiles/index.ts';
import { toCourseOut } from './course.ts';

export function toMeOut(user: User, profile: Profile) {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    is_verified: user.email_verified_at !== null,
    date_joined: user.created_at,
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
    experience_level: profile.experience_id,
    birth_date: profile.birth_date,
    gender: profile.gender,
    updated_at: profile.updated_at,
  };
}

interface MeBody {
  first_name?: string | undefined;
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
  experience_level?: number | null | undefined;
}

/** A `users/me/` body as the module's input: declared fields only (`email`, `role` never pass). */
export function profileInput(body: MeBody): ProfileInput {
  return {
    first_name: body.first_name,
    last_name: body.last_name,
    nickname: body.nickname,
    bio: body.bio,
    location: body.location,
    birth_date: body.birth_date,
    gender: body.gender,
    country: body.country,
    city: body.city,
    company: body.company,
    position: body.position,
    experience_id: body.experience_level,
  };
}

export function toSettingsOut(settings: Settings) {
  return {
    theme: settings.theme,
    language: settings.language,
    notifications: { ...settings.notifications },
    video: { ...settings.video },
    updated_at: settings.updated_at,
  };
}

function linkValues(links: SocialLinkValues): SocialLinkValues {
  return {
    website: links.website,
    github: links.github,
    linkedin: links.linkedin,
    twitter: links.twitter,
    youtube: links.youtube,
    facebook: links.facebook,
    instagram: links.instagram,
  };
}

export const toSocialOut = (links: SocialLinks) => ({ ...linkValues(links), updated_at: links.updated_at });

export function toSkillOut(skill: Skill) {
  return {
    id: skill.id,
    name: skill.name,
    proficiency: skill.proficiency,
    proficiency_level: proficiencyLevel(skill.proficiency),
    created_at: skill.created_at,
    updated_at: skill.updated_at,
  };
}

export function toPublicUserOut(profile: PublicProfile) {
  return {
    id: profile.user_id,
    role: profile.role,
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
    experience_level: profile.experience_id,
    social: linkValues(profile.social_links),
    skills: profile.skills.map(toSkillOut),
    courses: profile.courses ? profile.courses.items.map(toCourseOut) : null,
    course_count: profile.courses ? profile.courses.total : null,
  };
}
