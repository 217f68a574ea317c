// 003's two error formats. The auth service (`/api/auth/*`) answers `{code, message}` with its
// own codes; every other service answers `{error: {code, message, details, request_id}}` with
// the "Common Error Codes", request_id being the response's X-Request-Id.
import { Type } from 'typebox';

import type { NormalizedError } from '../../http/errors.ts';
import type { ErrorRenderer } from '../kit/surface.ts';
import { pathOf } from '../kit/surface.ts';

export const AuthError = Type.Object({ code: Type.String(), message: Type.String() });
export const ServiceError = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
    request_id: Type.String(),
  }),
});

/** Error bodies of every 003 route; auth routes declare AuthError for themselves. */
export const serviceErrorSchemas = {
  400: ServiceError,
  401: ServiceError,
  403: ServiceError,
  404: ServiceError,
  409: ServiceError,
  413: ServiceError,
  422: ServiceError,
  429: ServiceError,
  503: ServiceError,
};
export const authErrorSchemas = {
  400: AuthError,
  401: AuthError,
  403: AuthError,
  404: AuthError,
  409: AuthError,
  422: AuthError,
  423: AuthError,
  429: AuthError,
  503: AuthError,
};

/**
 * Domain codes that have a documented 003 code of their own. Services add theirs here (for
 * example a notifications template that does not exist → TEMPLATE_NOT_FOUND).
 */
export const SERVICE_CODES: Record<string, string> = {
  IDENTITY_EMAIL_TAKEN: 'RESOURCE_ALREADY_EXISTS',
  IDENTITY_PHONE_TAKEN: 'RESOURCE_ALREADY_EXISTS',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  // Content and profile (issue 12)
  CATALOG_COURSE_HAS_ENROLLMENTS: 'RESOURCE_LOCKED',
  CATALOG_INVALID_STATUS_TRANSITION: 'INVALID_REQUEST',
  FILES_SIZE_OUT_OF_RANGE: 'VALUE_OUT_OF_RANGE',
  FILES_TYPE_NOT_ALLOWED: 'INVALID_FIELD_FORMAT',
  PROFILES_INVALID_INPUT: 'INVALID_FIELD_FORMAT',
  // Notifications (issue 13)
  NOTIFY_INVALID_CHANNEL: 'INVALID_CHANNEL',
  NOTIFY_TEMPLATE_NOT_FOUND: 'TEMPLATE_NOT_FOUND',
  NOTIFY_INVALID_RECIPIENT: 'INVALID_RECIPIENT',
  NOTIFY_IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_KEY_REUSED',
  NOTIFY_INVALID_TEMPLATE: 'INVALID_REQUEST',
  NOTIFY_DATA_TOO_LARGE: 'VALUE_OUT_OF_RANGE',
};
const AUTH_CODES: Record<string, string> = {
  IDENTITY_INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  IDENTITY_INVALID_CODE: 'INVALID_CREDENTIALS',
  IDENTITY_INVALID_MFA_CODE: 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  IDENTITY_MFA_REQUIRED: 'INVALID_CREDENTIALS',
};

const BY_KIND: Record<NormalizedError['kind'], string> = {
  validation: 'INVALID_REQUEST',
  unauthenticated: 'INVALID_TOKEN',
  forbidden: 'INSUFFICIENT_PERMISSIONS',
  not_found: 'RESOURCE_NOT_FOUND',
  conflict: 'RESOURCE_ALREADY_EXISTS',
  expired: 'RESOURCE_EXPIRED',
  locked: 'RESOURCE_LOCKED',
  rate_limited: 'RATE_LIMIT_EXCEEDED',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  unsupported_media_type: 'UNSUPPORTED_MEDIA_TYPE',
  method_not_allowed: 'METHOD_NOT_ALLOWED',
  unavailable: 'SERVICE_UNAVAILABLE',
  internal: 'INTERNAL_ERROR',
};

/** The auth service's paths answer in its own format. */
export const isAuthPath = (path: string): boolean => path === '/api/auth' || path.startsWith('/api/auth/');

export const renderServicesError: ErrorRenderer = (normalized, request) => {
  if (isAuthPath(pathOf(request.url))) {
    return { code: authCode(normalized), message: normalized.message };
  }
  return {
    error: {
      code: serviceCode(normalized),
      message: normalized.message,
      details: serviceDetails(normalized),
      request_id: request.id,
    },
  };
};

function authCode(error: NormalizedError): string {
  const known = AUTH_CODES[error.code];
  if (known) return known;
  if (error.kind === 'rate_limited') return 'RATE_LIMIT_EXCEEDED';
  if (error.kind === 'locked') return 'ACCOUNT_LOCKED';
  if (error.kind === 'validation') return 'INVALID_REQUEST';
  if (error.kind === 'unauthenticated') return 'TOKEN_INVALID';
  return BY_KIND[error.kind];
}

function serviceCode(error: NormalizedError): string {
  const known = SERVICE_CODES[error.code];
  if (known) return known;
  if (error.problems) {
    const types = error.problems.map((problem) => problem.type);
    if (types.includes('value_error.required')) return 'MISSING_REQUIRED_FIELD';
    if (types.some((type) => /minimum|maximum|minLength|maxLength|minItems|maxItems/.test(type))) {
      return 'VALUE_OUT_OF_RANGE';
    }
    return 'INVALID_FIELD_FORMAT';
  }
  return BY_KIND[error.kind];
}

/** `{field: message}` for validation, the limit and window for rate limits, else `{}`. */
function serviceDetails(error: NormalizedError): Record<string, unknown> {
  if (error.kind === 'rate_limited' && error.info) {
    const seconds = Number(error.info['windowSeconds'] ?? 0);
    return {
      limit: error.info['limit'],
      window:
        seconds >= 3600
          ? `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`
          : `${seconds / 60} minute${seconds === 60 ? '' : 's'}`,
      reset_at: error.info['resetAt'],
    };
  }
  // A domain error may carry the document's details itself (TEMPLATE_NOT_FOUND's available templates).
  const own = error.info?.['details'];
  if (own && typeof own === 'object') return own as Record<string, unknown>;
  const details: Record<string, unknown> = {};
  for (const detail of error.details) if (detail.field) details[detail.field] = detail.message;
  return details;
}
