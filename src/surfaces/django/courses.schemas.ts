// 002's catalog bodies and answers (courses.Course, Category, Instructor). Unknown fields are
// ignored; `created_by`, `enrolled_count`, `published_at` are read-only.
import { Type } from 'typebox';

import { DateTime, Int, Nullable, NullableDateTime, StringEnum, Text, Url, Uuid } from '../kit/schemas.ts';
import { Decimal } from './common.schemas.ts';
import { DrfPageQuery } from './paging.ts';

const LEVEL_TEXT =
  'One of `beginner`, `intermediate`, `advanced`, `expert`, in any case (`Beginner` as in the document).';

const courseFields = {
  course_code: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  slug: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  level: Type.Optional(Type.String({ maxLength: 20, description: LEVEL_TEXT })),
  category: Type.Optional(
    Nullable(
      Type.String({
        maxLength: 255,
        description: 'Category id, slug or name; a name that matches no category creates one.',
      }),
    ),
  ),
  status: Type.Optional(
    StringEnum(['draft', 'review', 'published', 'archived'], {
      description: '`published` publishes at once (the course may have no lecture yet).',
    }),
  ),
  price: Type.Optional(Decimal('Price, as a number or a decimal string.')),
  currency: Type.Optional(Type.String({ minLength: 3, maxLength: 3 })),
  thumbnail_url: Type.Optional(Nullable(Url)),
  duration_minutes: Type.Optional(Nullable(Int(0, 100_000))),
  has_certificate: Type.Optional(Type.Boolean()),
  max_students: Type.Optional(Nullable(Int(1, 1_000_000))),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 })),
};

export const CreateCourseBody = Type.Object({ title: Text(1, 200), ...courseFields });
/** PUT: a full update, `title` required as on create. */
export const ReplaceCourseBody = CreateCourseBody;
export const UpdateCourseBody = Type.Object({ title: Type.Optional(Text(1, 200)), ...courseFields });

export const CourseListQuery = Type.Object({
  ...DrfPageQuery,
  search: Type.Optional(Type.String({ maxLength: 200, description: 'Full-text search over title, code and text.' })),
  category: Type.Optional(Type.String({ maxLength: 255, description: 'Category id, slug or name.' })),
  level: Type.Optional(Type.String({ maxLength: 20, description: LEVEL_TEXT })),
  status: Type.Optional(StringEnum(['draft', 'review', 'published', 'archived'])),
  instructor: Type.Optional({ ...Uuid, description: 'Courses this user owns or co-teaches.' }),
  tag: Type.Optional(Type.String({ maxLength: 50 })),
  ordering: Type.Optional(
    StringEnum(['created_at', '-created_at', 'title', 'price', '-price'], { description: 'DRF OrderingFilter.' }),
  ),
});

export const CourseOut = Type.Object({
  id: Uuid,
  course_code: Nullable(Type.String()),
  title: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  level: Type.String(),
  category: Nullable(Uuid),
  category_name: Nullable(Type.String()),
  created_by: Uuid,
  created_by_name: Type.String(),
  instructors: Type.Array(Uuid),
  status: Type.String(),
  price: Type.String(),
  currency: Type.String(),
  thumbnail_url: Nullable(Type.String()),
  duration_minutes: Nullable(Type.Integer()),
  has_certificate: Type.Boolean(),
  max_students: Nullable(Type.Integer()),
  enrolled_count: Type.Integer(),
  tags: Type.Array(Type.String()),
  published_at: NullableDateTime,
  created_at: DateTime,
  updated_at: DateTime,
});

export const OutlineLectureOut = Type.Object({
  id: Uuid,
  title: Type.String(),
  content_type: Type.String(),
  order_index: Type.Integer(),
  duration_seconds: Type.Integer(),
  is_preview: Type.Boolean(),
});
export const OutlineSectionOut = Type.Object({
  id: Uuid,
  title: Type.String(),
  order_index: Type.Integer(),
  lectures: Type.Array(OutlineLectureOut),
});
export const CourseDetailOut = Type.Object({ ...CourseOut.properties, sections: Type.Array(OutlineSectionOut) });

export const CourseInstructorOut = Type.Object({
  id: Uuid,
  full_name: Type.String(),
  role: StringEnum(['owner', 'co_instructor']),
});

export const CategoryOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  parent_category: Nullable(Uuid),
  course_count: Type.Integer(),
  created_at: DateTime,
});
export const CategoryDetailOut = Type.Object({
  ...CategoryOut.properties,
  subcategories: Type.Array(CategoryOut),
  courses: Type.Array(CourseOut),
});

export const InstructorOut = Type.Object({
  id: Uuid,
  full_name: Type.String(),
  first_name: Type.String(),
  last_name: Type.String(),
  course_count: Type.Integer(),
  student_count: Type.Integer(),
});
export const InstructorDetailOut = Type.Object({ ...InstructorOut.properties, courses: Type.Array(CourseOut) });
export const InstructorListQuery = Type.Object({
  ...DrfPageQuery,
  search: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name.' })),
});
