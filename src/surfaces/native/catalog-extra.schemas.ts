// Native shapes for categories, tags, sections, lesson resources and instructor profiles.
import { Type } from 'typebox';

import { Nullable, StringEnum } from '../kit/schemas.ts';
import { DateTime, PageObject, PageQuery, Uuid } from './common.schemas.ts';
import { CourseOut } from './courses.schemas.ts';

const ResourceKind = StringEnum(['file', 'link']);

export const CategoryOut = Type.Object({
  id: Uuid,
  parent_id: Nullable(Uuid),
  name: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  depth: Type.Integer(),
  course_count: Type.Integer(),
  total_course_count: Type.Integer(),
  created_at: DateTime,
  updated_at: DateTime,
});
export const CategoryDetailOut = Type.Intersect([
  CategoryOut,
  Type.Object({ children: Type.Array(CategoryOut), courses: PageObject(CourseOut) }),
]);
export const CategoryParams = Type.Object({
  category: Type.String({ minLength: 1, maxLength: 255, description: 'Category id or slug' }),
});
const Name = Type.String({ minLength: 1, maxLength: 100 });
export const CreateCategoryBody = Type.Object(
  {
    name: Name,
    slug: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    parent_id: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export const UpdateCategoryBody = Type.Object(
  {
    name: Type.Optional(Name),
    slug: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    parent_id: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);

export const TagOut = Type.Object({ id: Uuid, name: Type.String(), usage_count: Type.Integer(), created_at: DateTime });
export const TagQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })) });
export const CreateTagBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 50 }) },
  { additionalProperties: false },
);
export const AttachTagBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), tag_id: Type.Optional(Uuid) },
  { additionalProperties: false },
);

export const CreateSectionBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 255 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    position: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
export const UpdateSectionBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    position: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
export const ReorderSectionsBody = Type.Object(
  { section_ids: Type.Array(Uuid, { maxItems: 500 }) },
  { additionalProperties: false },
);
export const SectionParams = Type.Object({ section_id: Uuid });

export const ResourceOut = Type.Object({
  id: Uuid,
  lesson_id: Uuid,
  kind: ResourceKind,
  title: Type.String(),
  url: Nullable(Type.String()),
  file_id: Nullable(Uuid),
  content_type: Nullable(Type.String()),
  size_bytes: Nullable(Type.Integer()),
  position: Type.Integer(),
  created_at: DateTime,
});
export const CreateResourceBody = Type.Object(
  {
    kind: ResourceKind,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    url: Type.Optional(Type.String({ maxLength: 2048 })),
    file_id: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const InstructorSummaryOut = Type.Object({
  id: Uuid,
  full_name: Type.String(),
  first_name: Type.String(),
  last_name: Type.String(),
  course_count: Type.Integer(),
  student_count: Type.Integer(),
});
export const InstructorProfileOut = Type.Intersect([
  InstructorSummaryOut,
  Type.Object({ courses: Type.Array(CourseOut) }),
]);
export const InstructorQuery = Type.Object({
  ...PageQuery.properties,
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
