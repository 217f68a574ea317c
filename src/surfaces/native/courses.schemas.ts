// 001's course shapes, extended with the canonical course fields (status, price, capacity, schedule...).
import { Type } from 'typebox';

import { Nullable, NullableInt, StringEnum } from '../kit/schemas.ts';
import { DateTime, NullableDateTime, Page, PageObject, PageQuery, Uuid } from './common.schemas.ts';

export const Level = StringEnum(['beginner', 'intermediate', 'advanced', 'expert']);
export const CourseStatus = StringEnum(['draft', 'review', 'published', 'archived']);
const Sort = StringEnum(['newest', 'oldest', 'title', 'price', 'price_desc', 'relevance'], {
  description: 'Order of the list; `relevance` (the default when searching) ranks by the search terms.',
});

export const CourseOut = Type.Object({
  id: Uuid,
  title: Type.String(),
  slug: Type.String(),
  code: Nullable(Type.String()),
  description: Type.String(),
  category: Nullable(Type.String()),
  category_id: Nullable(Uuid),
  difficulty_level: Level,
  status: CourseStatus,
  is_published: Type.Boolean(),
  price: Type.String(),
  currency: Type.String(),
  thumbnail_url: Nullable(Type.String()),
  estimated_duration_minutes: Nullable(Type.Integer()),
  session_duration_minutes: Nullable(Type.Integer()),
  max_students: Nullable(Type.Integer()),
  enrolled_count: Type.Integer(),
  schedule: Type.Array(Type.String()),
  has_certificate: Type.Boolean(),
  instructor_id: Uuid,
  instructor_name: Type.String(),
  co_instructor_ids: Type.Array(Uuid),
  tags: Type.Array(Type.String()),
  published_at: NullableDateTime,
  created_at: DateTime,
  updated_at: DateTime,
});

export const SectionOut = Type.Object({
  id: Uuid,
  course_id: Uuid,
  title: Type.String(),
  description: Type.String(),
  position: Type.Integer(),
  lesson_count: Type.Integer(),
  created_at: DateTime,
  updated_at: DateTime,
});

const LessonOutline = Type.Object({
  id: Uuid,
  section_id: Uuid,
  title: Type.String(),
  content_type: Type.String(),
  order: Type.Integer(),
  duration_minutes: Type.Integer(),
  duration_seconds: Type.Integer(),
  is_free_preview: Type.Boolean(),
  status: Type.String(),
});

export const CourseDetailOut = Type.Intersect([
  CourseOut,
  Type.Object({ sections: Type.Array(SectionOut), lessons: Type.Array(LessonOutline) }),
]);

const Title = Type.String({ minLength: 1, maxLength: 255 });
/** Not the kit's `Url`: 001 takes any string here, not only absolute URIs. */
const UrlText = Type.String({ maxLength: 2048 });
const Price = Type.Union([Type.Number({ minimum: 0 }), Type.String({ pattern: '^\\d{1,10}(\\.\\d{1,2})?$' })]);
const Minutes = NullableInt(0, 1_000_000);

const courseFields = {
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  slug: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  code: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  category: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  difficulty_level: Type.Optional(Level),
  price: Type.Optional(Price),
  currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
  thumbnail_url: Type.Optional(Nullable(UrlText)),
  estimated_duration_minutes: Type.Optional(Minutes),
  session_duration_minutes: Type.Optional(Minutes),
  max_students: Type.Optional(NullableInt(1, 1_000_000)),
  schedule: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })),
  has_certificate: Type.Optional(Type.Boolean()),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 30 })),
};

export const CreateCourseBody = Type.Object(
  {
    title: Title,
    ...courseFields,
    status: Type.Optional(StringEnum(['draft', 'review'])),
    /** Admins only: the owning instructor. */
    instructor_id: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const UpdateCourseBody = Type.Object(
  { title: Type.Optional(Title), ...courseFields, status: Type.Optional(CourseStatus) },
  { additionalProperties: false },
);

export const StatusBody = Type.Object({ status: CourseStatus }, { additionalProperties: false });

export const CourseListQuery = Type.Object({
  ...PageQuery.properties,
  category: Type.Optional(
    Type.String({ maxLength: 255, description: 'Category id, slug or name; its sub-categories are included.' }),
  ),
  difficulty_level: Type.Optional(Level),
  mine: Type.Optional(Type.Boolean({ description: 'Only courses the caller owns or co-teaches.' })),
  instructor: Type.Optional({ ...Uuid, description: 'Only courses this user owns or co-teaches.' }),
  instructor_id: Type.Optional({ ...Uuid, description: 'Same as `instructor`.' }),
  status: Type.Optional(CourseStatus),
  tag: Type.Optional(Type.String({ maxLength: 50, description: 'Tag name (case-insensitive).' })),
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Full-text search over title, code, description and lesson titles.' }),
  ),
  search: Type.Optional(Type.String({ maxLength: 200, description: 'Same as `q`.' })),
  sort: Type.Optional(Sort),
  cursor: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 1000,
      description:
        'Keyset paging (an extension of 001): the `next_cursor` of the previous answer, with the same filters and sort. The answer holds the `page_size` courses after that one, whatever was added or removed since; `page` is then ignored.',
    }),
  ),
});

/** 001's page object, plus the cursor to the page after this one. */
export const CoursePage = {
  ...Type.Object({
    ...PageObject(CourseOut).properties,
    next_cursor: Nullable(
      Type.String({
        description:
          'Pass as `cursor` for the courses after this page (keyset paging, stable under concurrent changes); null on the last page.',
      }),
    ),
  }),
  headers: Page(CourseOut).headers,
};

export const CourseParams = Type.Object({
  course_id: Type.String({ minLength: 1, maxLength: 120, description: 'Course id or slug' }),
});
export const CourseIdParams = Type.Object({ course_id: Uuid });

export const InstructorBody = Type.Object({ user_id: Uuid }, { additionalProperties: false });
export const CourseInstructorOut = Type.Object({
  id: Uuid,
  full_name: Type.String(),
  role: StringEnum(['owner', 'co_instructor']),
});
