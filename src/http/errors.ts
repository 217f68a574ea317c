// Turns anything a route can throw (domain errors, Fastify's own errors) into one normalised
// shape. Each surface renders that shape in its documented error format.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

import { isDatabaseUnavailable } from '../platform/db/errors.ts';
import type { ErrorDetail, ErrorKind } from '../platform/errors.ts';
import { DomainError } from '../platform/errors.ts';

export interface FieldProblem {
  /** Where the problem is, FastAPI-style: ['body', 'email']. */
  loc: (string | number)[];
  msg: string;
  type: string;
}

export interface NormalizedError {
  status: number;
  kind: ErrorKind | 'internal';
  code: string;
  message: string;
  details: ErrorDetail[];
  /** Set for request-schema failures. */
  problems: FieldProblem[] | undefined;
  retryAfterSeconds: number | undefined;
  /** Extra facts from the domain error (rate limit: limit, windowSeconds, resetAt). */
  info: Record<string, unknown> | undefined;
}

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  expired: 410,
  locked: 423,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  method_not_allowed: 405,
  unavailable: 503,
};

export function normalizeError(error: unknown): NormalizedError {
  if (error instanceof DomainError) {
    return {
      // A reused Idempotency-Key is 422 on every surface, whatever its validation status is.
      status: error.code === 'IDEMPOTENCY_KEY_REUSED' ? 422 : STATUS_BY_KIND[error.kind],
      kind: error.kind,
      code: error.code,
      message: error.message,
      details: error.details ?? [],
      problems: undefined,
      retryAfterSeconds: error.retryAfterSeconds,
      info: error.info,
    };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const problems = fastifyError.validation.map((issue) => toProblem(fastifyError.validationContext ?? 'body', issue));
    return {
      status: 400,
      kind: 'validation',
      code: 'VALIDATION_ERROR',
      message: problems.map((p) => `${p.loc.slice(1).join('.') || p.loc[0]}: ${p.msg}`).join('; '),
      details: problems.map((p) => ({ field: p.loc.slice(1).join('.'), message: p.msg })),
      problems,
      retryAfterSeconds: undefined,
      info: undefined,
    };
  }
  if (isDatabaseUnavailable(error)) {
    // The database is away (restarting, failing over): a clear 503 the client may retry.
    return {
      status: 503,
      kind: 'unavailable',
      code: 'DATABASE_UNAVAILABLE',
      message: 'The service is temporarily unavailable. Please retry shortly.',
      details: [],
      problems: undefined,
      retryAfterSeconds: 5,
      info: undefined,
    };
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const kind = kindForStatus(status);
    return {
      status,
      kind,
      code: CODE_BY_FASTIFY[fastifyError.code ?? ''] ?? kind.toUpperCase(),
      message: MESSAGE_BY_FASTIFY[fastifyError.code ?? ''] ?? fastifyError.message,
      details: [],
      problems: undefined,
      retryAfterSeconds: undefined,
      info: undefined,
    };
  }
  return {
    status: 500,
    kind: 'internal',
    code: 'INTERNAL_ERROR',
    message: 'Internal server error',
    details: [],
    problems: undefined,
    retryAfterSeconds: undefined,
    info: undefined,
  };
}

/** Logs server faults (never client mistakes) and sets Retry-After where it applies. */
export function prepareErrorReply(error: unknown, request: FastifyRequest, reply: FastifyReply): NormalizedError {
  const normalized = normalizeError(error);
  if (normalized.kind === 'unavailable')
    request.log.warn({ err: error }, 'request refused: a dependency is unavailable');
  else if (normalized.status >= 500) request.log.error({ err: error }, 'request failed');
  if (normalized.retryAfterSeconds !== undefined) reply.header('retry-after', String(normalized.retryAfterSeconds));
  reply.status(normalized.status);
  return normalized;
}

const CODE_BY_FASTIFY: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};
const MESSAGE_BY_FASTIFY: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Request body is empty but Content-Type is application/json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported Content-Type',
};

function kindForStatus(status: number): ErrorKind {
  const entry = Object.entries(STATUS_BY_KIND).find(([, s]) => s === status);
  return (entry?.[0] as ErrorKind | undefined) ?? 'validation';
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function toProblem(context: string, issue: AjvIssue): FieldProblem {
  const path = (issue.instancePath ?? '').split('/').filter(Boolean);
  const extra = issue.params?.['missingProperty'] ?? issue.params?.['additionalProperty'];
  if (typeof extra === 'string') path.push(extra);
  const keyword = issue.keyword ?? 'invalid';
  const allowed = issue.params?.['allowedValues'];
  const msg =
    keyword === 'additionalProperties'
      ? 'extra fields not permitted'
      : keyword === 'required'
        ? 'field required'
        : keyword === 'enum' && Array.isArray(allowed)
          ? `must be one of: ${allowed.map(String).join(', ')}`
          : (issue.message ?? 'invalid value');
  return {
    loc: [context, ...path],
    msg,
    type: `value_error.${keyword === 'format' ? String(issue.params?.['format']) : keyword}`,
  };
}
