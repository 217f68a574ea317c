// Schema primitives every surface builds on, so a uuid or a date-time means the same thing in
// each contract's OpenAPI document and validation.
import type { Static, TSchema } from 'typebox';
import { Type } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
/** Serialised from a Date (or an ISO string) to ISO 8601 UTC. */
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const NullableDateTime = Type.Union([DateTime, Type.Null()]);
/** A calendar date, `YYYY-MM-DD`. */
export const DateOnly = Type.String({ format: 'date' });
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Url = Type.String({ format: 'uri', maxLength: 2048 });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * A nullable scalar for request bodies, as one `type: [t, "null"]` instead of `anyOf`: through
 * `anyOf`'s null branch Ajv's type coercion turns a refused value into null (0 for a 1-5
 * integer, "" for an enum) and accepts it, and a refusal reads as three messages instead of one.
 */
export const NullableScalar = <T extends TSchema>(schema: T) => {
  const { type, enum: values } = schema as { type?: string; enum?: unknown[] };
  if (typeof type !== 'string') throw new Error('NullableScalar needs a schema with a single `type`');
  return Type.Unsafe<Static<T> | null>({
    ...schema,
    type: [type, 'null'],
    ...(values ? { enum: [...values, null] } : {}),
  });
};

/** A string between `min` and `max` characters. */
export const Text = (min: number, max: number, options: Record<string, unknown> = {}) =>
  Type.String({ minLength: min, maxLength: max, ...options });

/**
 * A string from a fixed set, as one `enum` (not `anyOf` of literals): validation then answers
 * with one message naming the allowed values, and OpenAPI shows a plain enum.
 */
export const StringEnum = <const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** An integer in [min, max]: every integer input is bounded, so no value overflows a column. */
export const Int = (min: number, max: number, options: Record<string, unknown> = {}) =>
  Type.Integer({ minimum: min, maximum: max, ...options });

/**
 * An integer in [min, max], or null, as one `type: [integer, null]`. Not `Nullable(Int(...))`:
 * with anyOf, Ajv's type coercion turns a refused value such as 0 into null and accepts it.
 */
export const NullableInt = (min: number, max: number, options: Record<string, unknown> = {}) =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: min, maximum: max, ...options });

/** Largest page number any surface accepts (keeps offsets far inside bigint). */
export const MAX_PAGE = 1_000_000;

// Query parameters with a default are typed as present (validation fills the default in) and
// documented as optional: the surface kit drops them from `required` in every querystring.

/** `page` / `page_size` query parameters (001, 002 style). */
export const PageQuery = Type.Object({
  page: Int(1, MAX_PAGE, { default: 1, description: 'Page number, from 1.' }),
  page_size: Int(1, 100, { default: 20, description: 'Items per page (at most 100).' }),
});

/** `limit` / `offset` query parameters (003 style). */
export const LimitOffsetQuery = Type.Object({
  limit: Int(1, 100, { default: 50, description: 'Items to return (at most 100).' }),
  offset: Int(0, 100_000_000, { default: 0, description: 'Items to skip.' }),
});

/** A response schema with the description OpenAPI shows for it (never mutates the shared schema). */
export const Described = <T extends TSchema>(schema: T, description: string): T => ({ ...schema, description }) as T;

/** An empty response body (204). */
export const NoContent = Type.Null({ description: 'No content' });

/** A redirect answer (302/307) with no body: the client follows `Location`. */
export const Redirect = (description: string) =>
  Type.Null({ description, headers: { Location: { type: 'string', description: 'Where to go next.' } } });

export type { Static };
