// Schema pieces shared by the native surface's routes.
import type { TSchema } from 'typebox';
import { Type } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
/** Serialised from a Date (or an ISO string) to ISO 8601 UTC. */
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const NullableDateTime = Type.Union([DateTime, Type.Null()]);
export const Email = Type.String({ format: 'email', maxLength: 254 });

export const Detail = Type.Object({ detail: Type.String() });
export const ValidationDetail = Type.Object({
  detail: Type.Array(
    Type.Object({
      loc: Type.Array(Type.Union([Type.String(), Type.Number()])),
      msg: Type.String(),
      type: Type.String(),
    }),
  ),
});

/** The error responses every authenticated route can give, as documented by 001. */
export const errorResponses = {
  400: Detail,
  401: Detail,
  403: Detail,
  404: Detail,
  409: Detail,
  422: ValidationDetail,
  429: Detail,
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    page_size: Type.Integer(),
    pages: Type.Integer(),
  });

export const PageQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  page_size: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});

/** 001's pagination envelope from a total and the requested page. */
export function pageOf<T>(items: T[], total: number, page: number, pageSize: number) {
  return { items, total, page, page_size: pageSize, pages: Math.ceil(total / pageSize) };
}
