// A profile as 003's profile service shows it, and its partial update: the fields the document
// lists, nothing else (avatar_url follows the avatar upload, never the body).
import type { AvatarUpload } from '../../../modules/files/index.ts';
import type { Profile, ProfileInput } from '../../../modules/profiles/index.ts';

export const toProfileOut = (profile: Profile) => ({
  user_id: profile.user_id,
  first_name: profile.first_name,
  nickname: profile.nickname,
  birth_date: profile.birth_date,
  gender: profile.gender,
  country: profile.country,
  city: profile.city,
  company: profile.company,
  position: profile.position,
  experience_id: profile.experience_id,
  avatar_url: profile.avatar_url,
  updated_at: profile.updated_at,
});

const FIELDS = [
  'first_name',
  'nickname',
  'birth_date',
  'gender',
  'country',
  'city',
  'company',
  'position',
  'experience_id',
] as const;

export function toProfileInput(body: Partial<Record<(typeof FIELDS)[number], unknown>>): ProfileInput {
  const input: Record<string, unknown> = {};
  for (const field of FIELDS) if (body[field] !== undefined) input[field] = body[field];
  return input as ProfileInput;
}

export const toAvatarPresignOut = (upload: AvatarUpload) => ({
  upload_url: upload.upload_url,
  avatar_url: upload.avatar_url,
  media_asset_id: upload.asset_id,
  expires_at: upload.expires_at,
  upload_method: upload.upload_method,
  upload_headers: upload.upload_headers,
});
