// 004's error format: {success: false, error: {code, message, details?}} for every failure, with
// `details: [{field, message}]` on validation errors (always 400) and `retry_after` (seconds) on
// 429. Domain codes become 004's codes here, in one place.
import { Type } from 'typebox';

import type { NormalizedError } from '../../http/errors.ts';
import type { ErrorRenderer } from '../kit/surface.ts';

const FieldError = Type.Object({ field: Type.String(), message: Type.String() });

export const EnvelopeError = Type.Object({
  success: Type.Literal(false),
  error: Type.Object({
    code: Type.String({ description: 'Stable machine code, e.g. COURSE_NOT_FOUND, VALIDATION_ERROR.' }),
    message: Type.String(),
    details: Type.Optional(Type.Array(FieldError, { description: 'Validation errors: one entry per field.' })),
    retry_after: Type.Optional(Type.Integer({ description: 'Seconds to wait before retrying (429).' })),
  }),
});

/** The error responses every 004 route can give. */
export const envelopeErrorSchemas = {
  400: EnvelopeError,
  401: EnvelopeError,
  403: EnvelopeError,
  404: EnvelopeError,
  405: EnvelopeError,
  409: EnvelopeError,
  413: EnvelopeError,
  415: EnvelopeError,
  423: EnvelopeError,
  429: EnvelopeError,
  503: EnvelopeError,
};

/** Domain codes with a 004 code of their own (the rest are named after their kind). */
const CODES: Record<string, string> = {
  IDENTITY_INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  IDENTITY_MFA_REQUIRED: 'MFA_REQUIRED',
  IDENTITY_INVALID_REFRESH_TOKEN: 'INVALID_REFRESH_TOKEN',
  IDENTITY_WRONG_LOGIN: 'FORBIDDEN',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  ACCOUNT_BLOCKED: 'ACCOUNT_BLOCKED',
  ASSISTANT_SESSION_NOT_FOUND: 'SESSION_NOT_FOUND',
  ASSISTANT_PROVIDER_UNAVAILABLE: 'CHATGPT_API_ERROR',
  CATALOG_COURSE_HAS_ENROLLMENTS: 'COURSE_HAS_ENROLLMENTS',
  CATALOG_CAPACITY_BELOW_ENROLLED: 'CAPACITY_BELOW_ENROLLED',
  MALFORMED_JSON: 'VALIDATION_ERROR',
};

const BY_KIND: Record<NormalizedError['kind'], string> = {
  validation: 'VALIDATION_ERROR',
  unauthenticated: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  expired: 'EXPIRED',
  locked: 'ACCOUNT_LOCKED',
  rate_limited: 'RATE_LIMIT_EXCEEDED',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  unsupported_media_type: 'UNSUPPORTED_MEDIA_TYPE',
  method_not_allowed: 'METHOD_NOT_ALLOWED',
  unavailable: 'SERVICE_UNAVAILABLE',
  internal: 'INTERNAL_ERROR',
};

/** 004's own wording where the document gives one. */
const MESSAGES: Record<string, (error: NormalizedError) => string> = {
  IDENTITY_INVALID_CREDENTIALS: () => 'Invalid email or password',
  IDENTITY_MFA_REQUIRED: () =>
    'This account uses two-factor authentication: sign in with POST /api/v1/auth/mfa/login (email, password, mfa_code); the token it returns works on /v1 too',
  IDENTITY_WRONG_LOGIN: (error) =>
    error.info?.['role'] === 'student'
      ? 'This login is for instructors; students sign in with POST /v1/auth/student/login'
      : 'This login is for students; instructors sign in with POST /v1/auth/instructor/login',
  ASSISTANT_PROVIDER_UNAVAILABLE: () => 'ChatGPT API is currently unavailable. Please try again later.',
  UNAUTHENTICATED: (error) =>
    error.message === 'Not authenticated'
      ? 'Authentication required: send Authorization: Bearer <token>'
      : 'Invalid or expired token',
};

export const renderEnvelopeError: ErrorRenderer = (normalized, request, reply) => {
  if (normalized.status === 401) reply.header('www-authenticate', 'Bearer');
  // A reused Idempotency-Key is 422 on every surface (the header's draft).
  if (normalized.kind === 'validation') reply.status(normalized.code === 'IDEMPOTENCY_KEY_REUSED' ? 422 : 400);
  const code = courseNotFound(normalized, request.routeOptions.url)
    ? 'COURSE_NOT_FOUND'
    : (CODES[normalized.code] ?? BY_KIND[normalized.kind]);
  const fields = fieldErrors(normalized);
  const message =
    code === 'COURSE_NOT_FOUND'
      ? `Course with ID '${(request.params as { id?: string }).id}' not found`
      : normalized.problems
        ? 'Validation failed'
        : (MESSAGES[normalized.code]?.(normalized) ?? normalized.message);
  return {
    success: false,
    error: {
      code,
      message,
      ...(normalized.kind === 'validation' && fields.length > 0 ? { details: fields } : {}),
      ...(normalized.retryAfterSeconds !== undefined && normalized.kind === 'rate_limited'
        ? { retry_after: normalized.retryAfterSeconds }
        : {}),
    },
  };
};

/** A missing course on a `/v1/courses/:id` route (an unknown path is NOT_FOUND, not a course). */
function courseNotFound(error: NormalizedError, routeUrl: string | undefined): boolean {
  return error.kind === 'not_found' && error.code === 'NOT_FOUND' && routeUrl === '/v1/courses/:id';
}

/** One `{field, message}` per invalid field; a body that is not an object at all is field `body`. */
function fieldErrors(error: NormalizedError): { field: string; message: string }[] {
  if (error.problems) {
    return error.problems.map((problem) => ({
      field: problem.loc.slice(1).join('.') || String(problem.loc[0]),
      message: problem.msg,
    }));
  }
  return error.details.flatMap((detail) => (detail.field ? [{ field: detail.field, message: detail.message }] : []));
}
