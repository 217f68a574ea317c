// 001's lesson shapes, extended with sections, status, free preview and video fields.
import { Type } from 'typebox';

import { Nullable, StringEnum } from '../kit/schemas.ts';
import { DateTime, PageQuery, Uuid } from './common.schemas.ts';

export const LessonType = StringEnum(['video', 'pdf', 'text', 'quiz', 'document']);
const LessonStatus = StringEnum(['draft', 'published']);

export const LessonOut = Type.Object({
  id: Uuid,
  course_id: Uuid,
  section_id: Uuid,
  title: Type.String(),
  description: Type.String(),
  content_type: LessonType,
  /** Null when the caller may see only the outline (not enrolled, not a free preview). */
  content: Nullable(Type.String()),
  video_url: Nullable(Type.String()),
  video_provider: Nullable(Type.String()),
  vimeo_id: Nullable(Type.String()),
  duration_minutes: Type.Integer(),
  duration_seconds: Type.Integer(),
  order: Type.Integer(),
  position: Type.Integer(),
  status: LessonStatus,
  is_free_preview: Type.Boolean(),
  is_required: Type.Boolean(),
  can_access: Type.Boolean(),
  created_at: DateTime,
  updated_at: DateTime,
});

const lessonFields = {
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  content_type: Type.Optional(LessonType),
  content: Type.Optional(Type.String({ maxLength: 1_000_000 })),
  video_url: Type.Optional(Nullable(Type.String({ maxLength: 2048 }))),
  video_provider: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  vimeo_id: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  duration_minutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  duration_seconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 6_000_000 })),
  status: Type.Optional(LessonStatus),
  is_free_preview: Type.Optional(Type.Boolean()),
  is_required: Type.Optional(Type.Boolean()),
};

const Title = Type.String({ minLength: 1, maxLength: 255 });

export const CreateLessonBody = Type.Object(
  {
    title: Title,
    ...lessonFields,
    section_id: Type.Optional(Uuid),
    order: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
export const UpdateLessonBody = Type.Object(
  { title: Type.Optional(Title), ...lessonFields },
  { additionalProperties: false },
);

export const ReorderLessonsBody = Type.Object(
  { course_id: Uuid, lesson_ids: Type.Array(Uuid, { maxItems: 2000 }), section_id: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export const MoveLessonBody = Type.Object(
  { section_id: Uuid, position: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) },
  { additionalProperties: false },
);

export const LessonParams = Type.Object({ lesson_id: Uuid });
export const LessonListQuery = PageQuery;
