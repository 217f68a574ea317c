// 000's user shapes. The core says `instructor` where 000 says `teacher`.
import { Type } from 'typebox';

import { DateTime, Int, MAX_PAGE, Nullable, NullableDateTime, StringEnum, Uuid } from '../kit/schemas.ts';

export const GatewayRole = StringEnum(['student', 'teacher', 'admin']);
const Name = Type.String({ maxLength: 100 });

/** The user inside login answers. */
export const LoginUser = Type.Object({
  id: Type.String(),
  email: Nullable(Type.String()),
  role: GatewayRole,
  first_name: Type.String(),
  last_name: Type.String(),
});

/** The user of profile and admin answers. */
export const GatewayUser = Type.Object({
  id: Type.String(),
  email: Nullable(Type.String()),
  first_name: Type.String(),
  last_name: Type.String(),
  role: GatewayRole,
  is_active: Type.Boolean(),
  is_verified: Type.Boolean(),
  last_login: NullableDateTime,
  created_at: DateTime,
});

export const Message = Type.Object({ message: Type.String() });

export const UpdateProfileBody = Type.Object(
  { first_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), last_name: Type.Optional(Name) },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  {
    current_password: Type.String({ minLength: 1, maxLength: 128 }),
    new_password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const UserIdParams = Type.Object({ user_id: Uuid });

export const AdminUserQuery = Type.Object({
  page: Int(1, MAX_PAGE, { default: 1, description: 'Page number, from 1.' }),
  limit: Int(1, 100, { default: 20, description: 'Users per page (at most 100).' }),
  role: Type.Optional(GatewayRole),
  search: Type.Optional(Type.String({ maxLength: 254 })),
});

export const AdminUserList = Type.Object({
  users: Type.Array(GatewayUser),
  total: Type.Integer(),
  page: Type.Integer(),
  pages: Type.Integer(),
});

export const RoleBody = Type.Object({ role: GatewayRole }, { additionalProperties: false });
