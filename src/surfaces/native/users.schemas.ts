import { Type } from 'typebox';

import { Nullable, StringEnum } from '../kit/schemas.ts';
import { DateTime, NullableDateTime, Uuid } from './common.schemas.ts';

export const Role = StringEnum(['student', 'instructor', 'admin']);

/** 001's user, with 000's fields beside it (`is_verified`) and the phone. */
export const UserOut = Type.Object({
  id: Uuid,
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  full_name: Type.String(),
  first_name: Type.String(),
  last_name: Type.String(),
  role: Role,
  is_active: Type.Boolean(),
  mfa_enabled: Type.Boolean(),
  is_verified: Type.Boolean(),
  email_verified_at: NullableDateTime,
  phone_verified_at: NullableDateTime,
  created_at: DateTime,
  updated_at: DateTime,
  last_login_at: NullableDateTime,
  avatar_url: Nullable(Type.String()),
});

const Name = Type.String({ minLength: 1, maxLength: 255 });
export const UpdateMeBody = Type.Object(
  {
    full_name: Type.Optional(Name),
    first_name: Type.Optional(Name),
    last_name: Type.Optional(Type.String({ maxLength: 255 })),
  },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  {
    current_password: Type.String({ minLength: 1, maxLength: 128 }),
    new_password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
