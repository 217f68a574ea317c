// Schema pieces shared by the native surface's routes (primitives come from the surface kit).
import type { TSchema } from 'typebox';
import { Type } from 'typebox';

export { DateTime, Email, Nullable, NullableDateTime, PageQuery, Uuid } from '../kit/schemas.ts';
export { Detail, ValidationDetail } from './errors.ts';

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    page_size: Type.Integer(),
    pages: Type.Integer(),
  });
