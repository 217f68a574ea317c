import { Type } from 'typebox';

import { Email } from './common.schemas.ts';

const Code = Type.String({ minLength: 6, maxLength: 32 });

export const MfaCodeBody = Type.Object({ code: Code }, { additionalProperties: false });

export const MfaLoginBody = Type.Object(
  {
    email: Email,
    password: Type.String({ minLength: 1, maxLength: 128 }),
    mfa_code: Code,
    remember_me: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const MfaEnableOut = Type.Object({ secret: Type.String(), provisioning_url: Type.String() });

export const MfaVerifyOut = Type.Object({
  message: Type.String(),
  /** One-time recovery codes, shown only here. */
  recovery_codes: Type.Array(Type.String()),
});

export const RecoveryCodesOut = Type.Object({ recovery_codes: Type.Array(Type.String()) });
