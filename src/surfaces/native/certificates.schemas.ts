// Certificate shapes: 001's fields first, then the native extensions.
import { Type } from 'typebox';

import { Nullable, StringEnum } from '../kit/schemas.ts';
import { DateTime, NullableDateTime, Uuid } from './common.schemas.ts';

export const CertificateOut = Type.Object({
  id: Uuid,
  enrollment_id: Uuid,
  certificate_number: Type.String(),
  issued_at: DateTime,
  course_title: Type.String(),
  student_name: Type.String(),
  course_id: Uuid,
  user_id: Uuid,
  verification_code: Type.String(),
  verification_url: Type.String(),
  pdf_ready: Type.Boolean(),
  revoked_at: NullableDateTime,
  revoke_reason: Nullable(Type.String()),
});

export const GenerateCertificateBody = Type.Object({ enrollment_id: Uuid }, { additionalProperties: false });
export const RevokeCertificateBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) },
  { additionalProperties: false },
);
export const CertificateParams = Type.Object({ certificate_id: Uuid });
export const VerifyParams = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});

export const VerificationOut = Type.Object({
  valid: Type.Boolean(),
  status: StringEnum(['valid', 'revoked']),
  certificate_number: Type.String(),
  holder_name: Type.String(),
  course_title: Type.String(),
  issued_at: DateTime,
  revoked_at: NullableDateTime,
});
