// The one place where PostgreSQL error codes become domain errors.
import { DomainError } from '../errors.ts';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

const VALIDATION_CODES = new Set(['22P02', '22007', '22008', '22003', '22001', '23514', '23502']);

/** Returns a domain error for a known Postgres failure, or the original error. */
export function mapDbError(error: unknown, messages: { conflict?: string; notFound?: string } = {}): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const pg = error as PgError;
  if (pg.code === '23505') {
    return new DomainError('conflict', 'CONFLICT', messages.conflict ?? 'Resource already exists', { cause: error });
  }
  if (pg.code === '23503') {
    return new DomainError('not_found', 'NOT_FOUND', messages.notFound ?? 'Referenced resource not found', {
      cause: error,
    });
  }
  if (pg.code && VALIDATION_CODES.has(pg.code)) {
    return new DomainError('validation', 'VALIDATION_ERROR', 'Invalid value', { cause: error });
  }
  return error;
}

/** Runs a database call and rethrows known Postgres failures as domain errors. */
export async function translateDbErrors<T>(
  run: () => Promise<T>,
  messages?: { conflict?: string; notFound?: string },
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw mapDbError(error, messages);
  }
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = error as PgError;
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

// Connection exceptions (class 08), the server shutting down or starting up (57P01-57P03),
// too many connections (53300), and the client side of a lost or refused connection.
const UNAVAILABLE_CODES = /^(08\d\d\d|57P0[123]|53300|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND)$/;
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Connection is closed/i;

/** Whether `error` means the database could not be reached (not that a statement was wrong). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    // AggregateError (a refused connection to every address of a host)
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = cause;
  }
  return false;
}
