// 000's course ("module") and lesson shapes, written from section 2 of the document. The core
// says title/thumbnail/owner/seconds where 000 says name/image_url/instructor/duration.
import { Type } from 'typebox';

import { DateTime, Int, MAX_PAGE, Nullable, Url, Uuid } from '../kit/schemas.ts';

const Price = Type.Number({ minimum: 0, maximum: 1_000_000, description: 'Price in the course currency.' });
const Duration = Int(0, 1_000_000, { description: 'Length in seconds.' });

/** A lesson inside a module listing. `video_url` is null where the caller may not watch it. */
export const ModuleLesson = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  video_url: Nullable(Type.String()),
  duration: Type.Integer(),
  order: Type.Integer(),
});

export const GatewayModule = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  image_url: Nullable(Type.String()),
  price: Type.Number(),
  instructor_id: Type.String(),
  instructor_name: Type.String(),
  is_published: Type.Boolean(),
  lessons: Type.Array(ModuleLesson),
  total_lessons: Type.Integer(),
  total_duration: Type.Integer({ description: 'Sum of the lessons’ durations, in seconds.' }),
  created_at: DateTime,
});

export const GatewayModuleDetail = Type.Object({
  ...GatewayModule.properties,
  instructor: Type.Object({ id: Type.String(), name: Type.String() }),
});

export const ModuleListQuery = Type.Object({
  page: Int(1, MAX_PAGE, { default: 1, description: 'Page number, from 1.' }),
  limit: Int(1, 100, { default: 20, description: 'Modules per page (at most 100).' }),
  search: Type.Optional(Type.String({ maxLength: 200, description: 'Words to find in the name or description.' })),
  instructor_id: Type.Optional(Uuid),
});

export const CourseIdParams = Type.Object({ course_id: Uuid });

export const CreateCourseBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    price: Type.Optional(Price),
    image_url: Type.Optional(Nullable(Url)),
    instructor_id: Type.Optional(Uuid),
    is_published: Type.Optional(
      Type.Boolean({ description: 'Publishes the course at once (default false: a draft only its staff see).' }),
    ),
  },
  { additionalProperties: false },
);

export const UpdateCourseBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    price: Type.Optional(Price),
    image_url: Type.Optional(Nullable(Url)),
    instructor_id: Type.Optional({
      ...Uuid,
      description:
        'Admins only: hands the course over to this instructor (the previous one leaves its staff). A teacher sending another id gets 403; an unknown user or one who is not an active teacher 422.',
    }),
    is_published: Type.Optional(Type.Boolean({ description: 'true publishes at once; false takes it back to draft.' })),
  },
  { additionalProperties: false },
);

export const CourseCreated = Type.Object({ id: Type.String(), message: Type.String(), course: GatewayModule });
export const CourseUpdated = Type.Object({ message: Type.String(), course: GatewayModule });
export const Message = Type.Object({ message: Type.String() });

export const GatewayLesson = Type.Object({
  id: Type.String(),
  course_id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  video_url: Nullable(Type.String()),
  video_type: Nullable(Type.String()),
  vimeo_id: Nullable(Type.String()),
  duration: Type.Integer(),
  order: Type.Integer(),
  is_free_preview: Type.Boolean(),
  is_published: Type.Boolean(),
});

export const LessonListQuery = Type.Object({
  course_id: Type.Optional(Uuid),
  page: Int(1, MAX_PAGE, { default: 1, description: 'Page number, from 1.' }),
  limit: Int(1, 100, { default: 100, description: 'Lessons per page (at most 100).' }),
});

const LessonFields = {
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  video_url: Type.Optional(Nullable(Url)),
  video_type: Type.Optional(
    Nullable(Type.String({ maxLength: 50, description: 'e.g. `vimeo`, `youtube`, `upload`.' })),
  ),
  vimeo_id: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  duration: Type.Optional(Duration),
  order: Type.Optional(Int(1, 10_000, { description: '1-based place in the course; appended when omitted.' })),
  is_free_preview: Type.Optional(
    Type.Boolean({ description: 'Anyone may watch it, enrolled or not (default false).' }),
  ),
  is_published: Type.Optional(Type.Boolean({ description: 'Default true; a draft is seen by the course staff only.' })),
};

export const CreateLessonBody = Type.Object(
  { course_id: Uuid, title: Type.String({ minLength: 1, maxLength: 255 }), ...LessonFields },
  { additionalProperties: false },
);

export const UpdateLessonBody = Type.Object(
  { title: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })), ...LessonFields },
  { additionalProperties: false },
);

export const LessonIdParams = Type.Object({ lesson_id: Uuid });
export const LessonCreated = Type.Object({ id: Type.String(), message: Type.String(), lesson: GatewayLesson });
export const LessonUpdated = Type.Object({ message: Type.String(), lesson: GatewayLesson });
