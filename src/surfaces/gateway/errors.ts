// 000's error format: {detail, error_code, status_code, timestamp}; validation failures answer
// 422 with detail as a list of {field, message}.
import { Type } from 'typebox';

import type { ErrorRenderer } from '../kit/surface.ts';

// 000's clients send `mot_de_passe` where the core says `password`, `instructor_id` for the owner.
const FIELD_NAMES: Record<string, string> = { password: 'mot_de_passe', owner_id: 'instructor_id' };
const fieldName = (field: string) => FIELD_NAMES[field] ?? field;

export const GatewayError = Type.Object({
  detail: Type.Union([Type.String(), Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))]),
  error_code: Type.String(),
  status_code: Type.Integer(),
  timestamp: Type.String(),
});

/** The error responses every gateway route can give. */
export const gatewayErrorSchemas = {
  400: GatewayError,
  401: GatewayError,
  403: GatewayError,
  404: GatewayError,
  409: GatewayError,
  410: GatewayError,
  422: GatewayError,
  423: GatewayError,
  429: GatewayError,
  503: GatewayError,
};

export const renderGatewayError: ErrorRenderer = (normalized, _request, reply) => {
  if (normalized.status === 401) reply.header('www-authenticate', 'Bearer');
  const timestamp = new Date().toISOString();
  if (normalized.problems) {
    reply.status(422);
    const detail = normalized.problems.map((p) => ({
      field: fieldName(p.loc.slice(1).join('.') || String(p.loc[0])),
      message: p.msg,
    }));
    return { detail, error_code: 'VALIDATION_ERROR', status_code: 422, timestamp };
  }
  const fields = normalized.kind === 'validation' ? normalized.details.filter((d) => d.field) : [];
  if (fields.length > 0) {
    reply.status(422);
    const detail = fields.map((d) => ({ field: fieldName(String(d.field)), message: d.message }));
    return { detail, error_code: normalized.code, status_code: 422, timestamp };
  }
  return {
    detail: normalized.message,
    error_code: normalized.code,
    status_code: normalized.status,
    timestamp,
  };
};
