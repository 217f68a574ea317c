import { Type } from 'typebox';

import { Email } from './common.schemas.ts';

export const Phone = Type.String({ minLength: 7, maxLength: 24 });
const Code = Type.String({ minLength: 4, maxLength: 12 });

export const PhoneBody = Type.Object({ phone: Phone }, { additionalProperties: false });

export const PhoneLoginBody = Type.Object(
  {
    phone: Phone,
    code: Code,
    email: Type.Optional(Email),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    full_name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    mfa_code: Type.Optional(Type.String({ minLength: 6, maxLength: 32 })),
    remember_me: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PhoneChangeBody = Type.Object({ phone: Phone, code: Code }, { additionalProperties: false });

export const GoogleLoginBody = Type.Object(
  {
    id_token: Type.String({ minLength: 1, maxLength: 8192 }),
    remember_me: Type.Optional(Type.Boolean()),
    mfa_code: Type.Optional(Type.String({ minLength: 6, maxLength: 32 })),
  },
  { additionalProperties: false },
);
