// 000's authentication bodies and answers.
import { Type } from 'typebox';

import { Email } from '../kit/schemas.ts';
import { LoginUser } from './users.schemas.ts';

const Password = Type.String({ minLength: 1, maxLength: 128 });

export const LoginBody = Type.Object(
  {
    email: Email,
    mot_de_passe: Password,
    remember_me: Type.Optional(Type.Boolean()),
    /** Not in 000's document: lets accounts with MFA (set up through the native surface) sign in here. */
    mfa_code: Type.Optional(Type.String({ minLength: 6, maxLength: 32 })),
  },
  { additionalProperties: false },
);

export const RegisterBody = Type.Object(
  {
    email: Email,
    mot_de_passe: Password,
    first_name: Type.String({ minLength: 1, maxLength: 100 }),
    last_name: Type.String({ maxLength: 100 }),
  },
  { additionalProperties: false },
);

export const OAuthBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 8192 }), remember_me: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const VerifyEmailBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 256 }), email: Email },
  { additionalProperties: false },
);

export const LoginOut = Type.Object({
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer(),
  user: LoginUser,
});

export const RegisterOut = Type.Object({
  message: Type.String(),
  user_id: Type.String(),
  verification_required: Type.Boolean(),
});

export const RefreshOut = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer(),
});
