// Profiles to the native surface's shapes, every field listed: a field added to the module shows
// here only when someone decides it should (birth date and gender never reach a public profile).
import type {
  Profile,
  PublicProfile,
  Settings,
  Skill,
  SocialLinks,
  SocialLinkValues,
} from '../../../modules/profiles/index.ts';
import { EXPERIENCE_LEVELS, proficiencyLevel } from '../../../modules/profiles/index.ts';
import { toCourseOut } from './course.ts';

const experienceLevel = (id: number | null) => EXPERIENCE_LEVELS.find((level) => level.id === id)?.name ?? null;

export function profileOut(profile: Profile) {
  return {
    user_id: profile.user_id,
    first_name: profile.first_name,
    last_name: profile.last_name,
    full_name: profile.full_name,
    avatar_url: profile.avatar_url,
    nickname: profile.nickname,
    bio: profile.bio,
    location: profile.location,
    birth_date: profile.birth_date,
    gender: profile.gender,
    country: profile.country,
    city: profile.city,
    company: profile.company,
    position: profile.position,
    experience_id: profile.experience_id,
    experience_level: experienceLevel(profile.experience_id),
    updated_at: profile.updated_at,
  };
}

export function settingsOut(settings: Settings) {
  return {
    user_id: settings.user_id,
    theme: settings.theme,
    language: settings.language,
    notifications: { ...settings.notifications },
    video: {
      playback_speed: settings.video.playback_speed,
      autoplay: settings.video.autoplay,
      quality: settings.video.quality,
      captions: settings.video.captions,
    },
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

export function socialLinksOut(links: SocialLinks) {
  return { user_id: links.user_id, ...linkValues(links), updated_at: links.updated_at };
}

export function skillOut(skill: Skill) {
  return {
    id: skill.id,
    name: skill.name,
    proficiency: skill.proficiency,
    proficiency_level: proficiencyLevel(skill.proficiency),
    created_at: skill.created_at,
    updated_at: skill.updated_at,
  };
}

export function publicProfileOut(profile: PublicProfile) {
  return {
    user_id: profile.user_id,
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
    experience_id: profile.experience_id,
    experience_level: experienceLevel(profile.experience_id),
    social_links: linkValues(profile.social_links),
    skills: profile.skills.map(skillOut),
    courses: profile.courses ? profile.courses.items.map(toCourseOut) : null,
    course_count: profile.courses ? profile.courses.total : null,
  };
}
