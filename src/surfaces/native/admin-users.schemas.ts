import { Type } from 'typebox';

import { PageQuery, Uuid } from './common.schemas.ts';
import { Role } from './users.schemas.ts';

export const UserIdParams = Type.Object({ user_id: Uuid });

export const UserListQuery = Type.Intersect([
  PageQuery,
  Type.Object({ role: Type.Optional(Role), search: Type.Optional(Type.String({ maxLength: 254 })) }),
]);

export const AdminUserPatchBody = Type.Object(
  { role: Type.Optional(Role), is_active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
