// 002's authentication bodies (SimpleJWT style). Unknown fields are allowed and ignored.
import { Type } from 'typebox';

import { DateTime, Email, Nullable, Text, Uuid } from '../kit/schemas.ts';

const Password = Text(1, 128);

export const RegisterBody = Type.Object({
  email: Email,
  password: Password,
  password2: Type.Optional(
    Type.String({ maxLength: 128, description: 'Repeats `password` (also `password_confirm`).' }),
  ),
  password_confirm: Type.Optional(Type.String({ maxLength: 128 })),
  first_name: Type.Optional(Type.String({ maxLength: 100 })),
  last_name: Type.Optional(Type.String({ maxLength: 100 })),
});

export const LoginBody = Type.Object({ email: Email, password: Password });
export const RefreshBody = Type.Object({ refresh: Text(1, 512) });
export const TokenBody = Type.Object({ token: Text(1, 512) });
export const EmailBody = Type.Object({ email: Email });
export const ResetConfirmBody = Type.Object({
  token: Text(1, 512),
  new_password: Type.Optional(Password),
  password: Type.Optional(Type.String({ maxLength: 128, description: 'Accepted in place of `new_password`.' })),
});

export const AuthUserOut = Type.Object({
  id: Uuid,
  email: Nullable(Type.String()),
  first_name: Type.String(),
  last_name: Type.String(),
  role: Type.String(),
  is_verified: Type.Boolean(),
  date_joined: DateTime,
});

export const TokensOut = Type.Object({
  access: Type.String({ description: 'The access token (Bearer).' }),
  refresh: Type.String({ description: 'The refresh token; rotates on each refresh.' }),
  user: AuthUserOut,
});
export const RefreshOut = Type.Object({ access: Type.String(), refresh: Type.String() });
export const DetailOut = Type.Object({ detail: Type.String() });
