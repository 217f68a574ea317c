// Schema pieces shared by the native surface's routes (primitives come from the surface kit).
import type { TSchema } from 'typebox';
import { Type } from 'typebox';

export { DateTime, Email, Nullable, NullableDateTime, PageQuery, Uuid } from '../kit/schemas.ts';
export { Detail, ValidationDetail } from './errors.ts';

/** 001's page object, as a field of another answer. */
export const PageObject = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ description: 'Items across all pages.' }),
    page: Type.Integer(),
    page_size: Type.Integer(),
    pages: Type.Integer({ description: 'Number of pages (0 when there are no items).' }),
  });

/** 001's page object as a whole answer, which also carries the pages as RFC 8288 links. */
export const Page = <T extends TSchema>(item: T) => ({
  ...PageObject(item),
  headers: {
    Link: {
      type: 'string',
      description:
        'RFC 8288 links to the `first`, `prev`, `next` and `last` pages, keeping every filter of the request.',
    },
  },
});
