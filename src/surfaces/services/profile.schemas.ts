// The profile service's bodies and answers (003 "Profile Service"), with the document's
// validation rules. Unknown body fields are ignored, as the FastAPI service the document
// describes does: `avatar_url` sent back in a profile (its updateProfileWithAvatar example) is
// one of them, since the avatar follows its upload.
import { Type } from 'typebox';

import { DateOnly, DateTime, Int, Nullable, NullableScalar, StringEnum, Text, Uuid } from '../kit/schemas.ts';

const GENDERS = ['male', 'female', 'other'] as const;
const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const ProfileOut = Type.Object({
  user_id: Uuid,
  first_name: Type.String(),
  nickname: Nullable(Type.String()),
  birth_date: Nullable(DateOnly),
  gender: Nullable(StringEnum(GENDERS)),
  country: Nullable(Type.String()),
  city: Nullable(Type.String()),
  company: Nullable(Type.String()),
  position: Nullable(Type.String()),
  experience_id: Nullable(
    Type.Integer({ description: '1 Entry Level (0-1 years), 2 Junior, 3 Mid-Level, 4 Senior, 5 Expert (8+ years).' }),
  ),
  avatar_url: Nullable(Type.String({ description: 'Serves the re-encoded image of the last avatar upload.' })),
  updated_at: DateTime,
});

/** Only the fields sent change; null clears an optional field. */
export const UpdateProfileBody = Type.Object(
  {
    first_name: Type.Optional(Text(1, 100)),
    nickname: Type.Optional(NullableScalar(Text(1, 50))),
    birth_date: Type.Optional(NullableScalar({ ...DateOnly, description: 'YYYY-MM-DD, not in the future.' })),
    gender: Type.Optional(NullableScalar(StringEnum(GENDERS))),
    country: Type.Optional(NullableScalar(Text(1, 100))),
    city: Type.Optional(NullableScalar(Text(1, 100))),
    company: Type.Optional(NullableScalar(Text(1, 150))),
    position: Type.Optional(NullableScalar(Text(1, 150))),
    experience_id: Type.Optional(NullableScalar(Int(1, 5, { description: 'See the experience levels.' }))),
  },
  { description: 'Fields not listed (`avatar_url`, `user_id`, `updated_at`...) are ignored.' },
);

export const AvatarPresignBody = Type.Object({
  content_type: StringEnum(AVATAR_TYPES),
  size: Int(1024, 5 * 1024 * 1024, { description: 'Bytes, from 1 KB to 5 MB.' }),
});

export const AvatarPresignOut = Type.Object({
  upload_url: Type.String({ description: 'PUT the image here with its Content-Type; no token needed.' }),
  avatar_url: Type.String({ description: 'The profile’s avatar_url once the upload is checked and re-encoded.' }),
  media_asset_id: Uuid,
  expires_at: DateTime,
  upload_method: Type.Literal('PUT'),
  upload_headers: Type.Record(Type.String(), Type.String()),
});
