// Schema pieces shared by 002's routes.
import { Type } from 'typebox';

import { Uuid } from '../kit/schemas.ts';

export const IdParams = Type.Object({ id: Uuid });
export const CourseIdParams = Type.Object({ course_id: Uuid });
/** A course by id (or slug, which DRF lookups by slug also allow). */
export const CourseRefParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 120, description: 'Course id (or slug).' }),
});
/** A decimal as DRF's DecimalField accepts it: a number or a numeric string. */
export const Decimal = (description: string) =>
  Type.Union([Type.Number({ minimum: 0, maximum: 1_000_000 }), Type.String({ pattern: '^\\d{1,7}(\\.\\d{1,2})?$' })], {
    description,
  });
