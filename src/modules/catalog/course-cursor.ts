// The listing's keyset cursor: the sort and the sort keys of the last row a client saw, opaque to
// clients (base64url JSON) and checked on the way back in, so a forged cursor is a 422, not a 500.
import { invalid } from '../../platform/errors.ts';
import type { CourseSort } from './catalog.types.ts';
import type { CursorKeys } from './course-listing.repo.ts';
import { SORT_KEYS } from './course-listing.repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(sort: CourseSort, keys: CursorKeys): string {
  return Buffer.from(JSON.stringify([sort, ...keys])).toString('base64url');
}

/** The keys of a cursor made by `encodeCursor` for the same sort. */
export function decodeCursor(sort: CourseSort, cursor: string): CursorKeys {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const expected = SORT_KEYS[sort];
  if (!Array.isArray(decoded) || decoded[0] !== sort || decoded.length !== expected.length + 2) throw badCursor();
  const keys = decoded.slice(1) as unknown[];
  const id = keys.at(-1);
  if (typeof id !== 'string' || !UUID.test(id)) throw badCursor();
  expected.forEach((key, i) => {
    const value = keys[i];
    const ok =
      key.cast === 'text'
        ? typeof value === 'string'
        : key.cast === 'timestamptz'
          ? typeof value === 'string' && !Number.isNaN(Date.parse(value))
          : typeof value === 'number' && Number.isFinite(value);
    if (!ok) throw badCursor();
  });
  return keys as CursorKeys;
}

const badCursor = () =>
  invalid('The cursor is not one this listing handed out (or the sort changed)', 'cursor', 'CATALOG_INVALID_CURSOR');
