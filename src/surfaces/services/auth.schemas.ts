// The auth service's bodies and answers (003 "Authentication Service"). Unknown fields are
// ignored, as the FastAPI service the document describes does.
import { Type } from 'typebox';

import { Email, Text } from '../kit/schemas.ts';

const Password = Text(1, 128);
const Phone = Text(1, 32, { description: 'E.164, e.g. +14155550123 (spaces, dots and dashes are dropped).' });
const Token = Text(1, 512);

export const PhoneBody = Type.Object({ phone: Phone });

export const PhoneVerifyBody = Type.Object({
  phone: Phone,
  code: Text(1, 16, { description: 'The six-digit code sent by SMS.' }),
  email: Type.Optional({ ...Email, description: 'For a new account: its email.' }),
  password: Type.Optional({
    ...Password,
    description: 'For a new account: 8+ characters with upper and lower case, a digit and a special character.',
  }),
  remember_me: Type.Optional(Type.Boolean({ description: 'A 30-day refresh token instead of the default.' })),
});

export const RegisterBody = Type.Object({
  email: Email,
  password: {
    ...Password,
    description: '8+ characters with an uppercase and a lowercase letter, a digit and a special character.',
  },
});

export const TokenBody = Type.Object({ token: Token });

export const LoginBody = Type.Object({
  email: Email,
  password: Password,
  remember_me: Type.Optional(Type.Boolean({ description: 'Extends the refresh token lifetime to 30 days.' })),
  mfa_code: Type.Optional(
    Text(6, 32, {
      description: 'Not in 003: the TOTP or recovery code of an account with two-factor authentication.',
    }),
  ),
});

export const EmailBody = Type.Object({ email: Email });

export const ResetConfirmBody = Type.Object({
  token: Token,
  new_password: {
    ...Password,
    description: '8+ characters with an uppercase and a lowercase letter, a digit and a special character.',
  },
});

export const RefreshBody = Type.Object({ refresh_token: Token });

export const PhoneUpdateVerifyBody = Type.Object({ phone: Phone, code: Text(1, 16) });

export const Tokens = Type.Object({
  access_token: Type.String({ description: 'JWT for `Authorization: Bearer`; lasts 15 minutes.' }),
  refresh_token: Type.String({ description: 'Single use: each refresh returns a new one.' }),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer({ description: 'Seconds until the access token expires.' }),
});

export const Message = Type.Object({ message: Type.String() });
export const EmailChanged = Type.Object({ message: Type.String(), email: Type.String() });
export const PhoneChanged = Type.Object({ message: Type.String(), phone: Type.String() });
