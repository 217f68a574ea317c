// Typed domain errors. Modules throw these; each surface maps `kind` (and sometimes `code`)
// to its own documented error body in one place.
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'expired'
  | 'locked'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'method_not_allowed'
  | 'unavailable';

export interface ErrorDetail {
  field?: string;
  message: string;
}

export class DomainError extends Error {
  readonly kind: ErrorKind;
  /** Stable machine code, e.g. IDENTITY_INVALID_CREDENTIALS. */
  readonly code: string;
  readonly details: ErrorDetail[] | undefined;
  /** Seconds after which a retry may succeed (lockout, rate limits). */
  readonly retryAfterSeconds: number | undefined;
  /** Facts a contract may show beside the message (a rate limit's limit and window...). */
  readonly info: Record<string, unknown> | undefined;

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    options: {
      details?: ErrorDetail[];
      retryAfterSeconds?: number;
      info?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.info = options.info;
  }
}

export const notFound = (what: string, id?: string) =>
  new DomainError('not_found', 'NOT_FOUND', id ? `${what} ${id} not found` : `${what} not found`);
export const forbidden = (message = 'Not authorized to perform this action') =>
  new DomainError('forbidden', 'FORBIDDEN', message);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const invalid = (message: string, field?: string, code = 'VALIDATION_ERROR') =>
  new DomainError('validation', code, message, { details: [{ ...(field ? { field } : {}), message }] });
export const unauthenticated = (message = 'Could not validate credentials', code = 'UNAUTHENTICATED') =>
  new DomainError('unauthenticated', code, message);
