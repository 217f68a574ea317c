// 004's identity shapes: the two logins, the refresh Lectern adds, and /v1/me.
import { Type } from 'typebox';

import { DateTime, Email, Nullable, StringEnum, Text, Uuid } from '../kit/schemas.ts';

export const LoginBody = Type.Object({ email: Email, password: Text(1, 128) }, { additionalProperties: false });

export const RefreshBody = Type.Object(
  { refresh_token: Text(1, 512, { description: 'The refresh_token of a login answer.' }) },
  { additionalProperties: false },
);

const Role = StringEnum(['student', 'instructor', 'admin']);

export const LoginUser = Type.Object({
  id: Uuid,
  email: Nullable(Type.String()),
  role: Role,
  name: Type.String(),
});

const TokenFields = {
  token: Type.String({ description: 'The access token: send it as `Authorization: Bearer <token>`.' }),
  expires_in: Type.Integer({ description: 'Seconds until the token expires (not in 004’s document).' }),
  refresh_token: Type.String({
    description: 'Trades for a new token at POST /v1/auth/refresh before this one expires (not in 004’s document).',
  }),
};

export const LoginData = Type.Object({ ...TokenFields, user: LoginUser });
export const RefreshData = Type.Object(TokenFields);

export const MeData = Type.Object({
  id: Uuid,
  email: Nullable(Type.String()),
  role: Role,
  name: Type.String(),
  created_at: DateTime,
});
