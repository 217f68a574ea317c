import { Type } from 'typebox';

import { Email } from './common.schemas.ts';

const Token = Type.String({ minLength: 1, maxLength: 256 });

export const Message = Type.Object({ message: Type.String() });
export const TokenBody = Type.Object({ token: Token }, { additionalProperties: false });
export const EmailBody = Type.Object({ email: Email }, { additionalProperties: false });
export const ResetConfirmBody = Type.Object(
  { token: Token, new_password: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
export const EmailChangeBody = Type.Object({ new_email: Email }, { additionalProperties: false });
