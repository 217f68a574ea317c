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
