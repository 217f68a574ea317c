// 004's course shapes. `name` is the course title and `duration_minutes` the length of one session;
// `current_students` counts every enrolment, whichever contract made it.
import { Type } from 'typebox';

import { DateTime, Int, MAX_PAGE, Nullable, NullableScalar, Text, Uuid } from '../kit/schemas.ts';

export const CourseParams = Type.Object({ id: Uuid });

export const CourseListQuery = Type.Object({
  page: Int(1, MAX_PAGE, { default: 1, description: 'Page number, from 1.' }),
  limit: Int(1, 100, { default: 10, description: 'Courses per page (at most 100).' }),
  search: Type.Optional(Text(0, 200, { description: 'Words of the course name or description.' })),
  instructor_id: Type.Optional(Uuid),
});

/** Money as 004 shows it: a number in the course's currency (e.g. 50000). */
const Price = Type.Number({
  exclusiveMinimum: 0,
  maximum: 9_999_999_999.99,
  description: 'Greater than 0, at most two decimals.',
});
const Minutes = Int(1, 1440, { description: 'Minutes per session.' });
const MaxStudents = Int(1, 1_000_000);
const Schedule = Type.Array(Text(1, 100), { maxItems: 100, description: 'Session slots, e.g. "Monday 10:00".' });

export const CourseOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  price: Type.Number(),
  currency: Type.String({ description: 'ISO 4217 (not in 004’s document).' }),
  instructor_id: Uuid,
  instructor_name: Type.String(),
  duration_minutes: Nullable(Type.Integer()),
  max_students: Nullable(Type.Integer({ description: 'Null: no seat limit.' })),
  current_students: Type.Integer(),
  schedule: Type.Array(Type.String()),
  created_at: DateTime,
  updated_at: DateTime,
});

export const CourseListData = Type.Object({
  courses: Type.Array(CourseOut),
  pagination: Type.Object({
    page: Type.Integer(),
    limit: Type.Integer(),
    total: Type.Integer(),
    total_pages: Type.Integer(),
  }),
});

export const CreateCourseBody = Type.Object(
  {
    name: Text(1, 255),
    description: Type.Optional(Text(0, 20_000)),
    price: Price,
    currency: Type.Optional(
      Text(3, 3, { pattern: '^[A-Za-z]{3}$', description: 'ISO 4217; default USD (not in 004’s document).' }),
    ),
    duration_minutes: Type.Optional(Minutes),
    max_students: Type.Optional(NullableScalar(MaxStudents)),
    schedule: Type.Optional(Schedule),
  },
  { additionalProperties: false },
);

export const UpdateCourseBody = Type.Object(
  {
    name: Type.Optional(Text(1, 255)),
    description: Type.Optional(Text(0, 20_000)),
    price: Type.Optional(Price),
    currency: Type.Optional(Text(3, 3, { pattern: '^[A-Za-z]{3}$' })),
    duration_minutes: Type.Optional(NullableScalar(Minutes)),
    max_students: Type.Optional(NullableScalar(MaxStudents)),
    schedule: Type.Optional(Schedule),
  },
  { additionalProperties: false },
);
