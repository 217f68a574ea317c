// Value rules shared by the profile, settings, social-link and skill inputs. The module checks
// every value itself (a lenient surface such as 002's passes what its client sent) and reports
// every invalid field of a write at once.
import type { ErrorDetail } from '../../platform/errors.ts';
import { invalidProfileInput } from './profiles.errors.ts';

/** `replace`: a full update (what was not sent goes back to its default); `merge`: only what was sent changes. */
export type WriteMode = 'replace' | 'merge';

/** The checked values that were sent; with `replace`, the others as null (their default). */
export function valuesToWrite<T extends object>(
  values: { [K in keyof T]: T[K] | undefined },
  mode: WriteMode,
): Partial<T> {
  const write: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    const value = values[key];
    if (value !== undefined) write[key] = value;
    else if (mode === 'replace') write[key] = null as T[keyof T];
  }
  return write;
}

/** Collects the problems of one input; `check()` throws them together. */
export interface Problems {
  /** Records a problem; returns undefined so a rule can `return problems.add(...)`. */
  add(field: string, message: string): undefined;
  check(): void;
}

export function collectProblems(): Problems {
  const details: ErrorDetail[] = [];
  return {
    add(field, message) {
      details.push({ field, message });
      return undefined;
    },
    check() {
      if (details.length > 0) throw invalidProfileInput(details);
    },
  };
}

/** Characters as PostgreSQL's char_length counts them (code points, not UTF-16 units). */
export const charLength = (text: string): number => [...text].length;

/** Optional text, trimmed: `undefined` is "not sent"; null and blank clear (null). */
export function optionalText(
  problems: Problems,
  field: string,
  value: unknown,
  max: number,
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') return problems.add(field, 'must be a string');
  const text = value.trim();
  if (text === '') return null;
  if (charLength(text) > max) return problems.add(field, `must be at most ${max} characters`);
  return text;
}

/** One of `allowed`; null and blank clear. */
export function optionalChoice<T extends string>(
  problems: Problems,
  field: string,
  value: unknown,
  allowed: readonly T[],
): T | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  return choice(problems, field, value, allowed);
}

export function choice<T extends string>(problems: Problems, field: string, value: unknown, allowed: readonly T[]) {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return problems.add(field, `must be one of: ${allowed.join(', ')}`);
}

/** An integer in [min, max]; null clears. */
export function optionalInteger(
  problems: Problems,
  field: string,
  value: unknown,
  min: number,
  max: number,
): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    return problems.add(field, `must be an integer from ${min} to ${max}`);
  return value;
}

export function boolean(problems: Problems, field: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  return problems.add(field, 'must be true or false');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date `YYYY-MM-DD` in [min, max]; null and blank clear. */
export function optionalDate(
  problems: Problems,
  field: string,
  value: unknown,
  bounds: { min: string; max: string },
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (typeof value !== 'string' || !DATE.test(value)) return problems.add(field, 'must be a date as YYYY-MM-DD');
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value)
    return problems.add(field, `${value} is not a calendar date`);
  if (value < bounds.min) return problems.add(field, `must be on or after ${bounds.min}`);
  if (value > bounds.max) return problems.add(field, 'cannot be in the future');
  return value;
}

export const MAX_URL_LENGTH = 2048;

/** An absolute http(s) URL with a host, kept as written (trimmed); null and blank clear. */
export function optionalHttpUrl(problems: Problems, field: string, value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') return problems.add(field, 'must be a URL');
  const text = value.trim();
  if (text === '') return null;
  if (text.length > MAX_URL_LENGTH) return problems.add(field, `must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return problems.add(field, 'must be a valid http(s) URL');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || !/^https?:\/\//i.test(text))
    return problems.add(field, 'must be a valid http(s) URL');
  return text;
}

/** Whether `value` is a plain object (a nested preference group). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
