import { Type } from 'typebox';

import { Email } from './common.schemas.ts';

const Password = Type.String({ minLength: 1, maxLength: 128 });

export const RegisterBody = Type.Object(
  { email: Email, password: Password, full_name: Type.String({ minLength: 1, maxLength: 255 }) },
  { additionalProperties: false },
);

export const LoginBody = Type.Object(
  { email: Email, password: Password, remember_me: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const RefreshBody = Type.Object(
  { refresh_token: Type.String({ minLength: 1, maxLength: 512 }) },
  { additionalProperties: false },
);

export const Tokens = Type.Object({
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer(),
});
