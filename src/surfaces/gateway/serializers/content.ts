// Courses and lessons in 000's words: a course is a "module", `name` is the title, `image_url`
// the thumbnail, `instructor` the owner, `duration` seconds, `order` the place in the course.
import type { Static } from 'typebox';

import type {
  Course,
  CourseDetail,
  CourseInput,
  CreateCourseInput,
  CreateLessonInput,
  Lesson,
  LessonInput,
} from '../../../modules/catalog/index.ts';
import type { CreateCourseBody, CreateLessonBody, UpdateCourseBody, UpdateLessonBody } from '../content.schemas.ts';

function toModuleLesson(lesson: Lesson) {
  return {
    id: lesson.id,
    title: lesson.title,
    description: lesson.description,
    video_url: lesson.video_url,
    duration: lesson.duration_seconds,
    order: lesson.order,
  };
}

/** A course with its lessons (published ones, unless the caller is its staff). */
export function toGatewayModule(course: Course, lessons: Lesson[]) {
  return {
    id: course.id,
    name: course.title,
    description: course.description,
    image_url: course.thumbnail_url,
    price: Number(course.price),
    instructor_id: course.owner_id,
    instructor_name: course.owner_name,
    is_published: course.status === 'published',
    lessons: lessons.map(toModuleLesson),
    total_lessons: lessons.length,
    total_duration: lessons.reduce((sum, lesson) => sum + lesson.duration_seconds, 0),
    created_at: course.created_at,
  };
}

export function toGatewayModuleDetail(course: CourseDetail) {
  return {
    ...toGatewayModule(course, course.lessons),
    instructor: { id: course.owner_id, name: course.owner_name },
  };
}

function courseFields(body: Static<typeof UpdateCourseBody>): CourseInput {
  return {
    ...(body.name !== undefined ? { title: body.name } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.price !== undefined ? { price: body.price.toFixed(2) } : {}),
    ...(body.image_url !== undefined ? { thumbnail_url: body.image_url } : {}),
    ...(body.is_published !== undefined ? { status: body.is_published ? 'published' : 'draft' } : {}),
  };
}

export function createCourseInput(body: Static<typeof CreateCourseBody>): CreateCourseInput {
  return {
    ...courseFields(body),
    title: body.name,
    ...(body.instructor_id ? { owner_id: body.instructor_id } : {}),
  };
}

export function updateCourseInput(body: Static<typeof UpdateCourseBody>): CourseInput {
  return { ...courseFields(body), ...(body.instructor_id ? { owner_id: body.instructor_id } : {}) };
}

export function toGatewayLesson(lesson: Lesson) {
  return {
    id: lesson.id,
    course_id: lesson.course_id,
    title: lesson.title,
    description: lesson.description,
    video_url: lesson.video_url,
    video_type: lesson.video_provider,
    vimeo_id: lesson.vimeo_id,
    duration: lesson.duration_seconds,
    order: lesson.order,
    is_free_preview: lesson.is_free_preview,
    is_published: lesson.status === 'published',
  };
}

export function lessonInput(body: Static<typeof UpdateLessonBody>): LessonInput {
  return {
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.video_url !== undefined ? { video_url: body.video_url } : {}),
    ...(body.video_type !== undefined ? { video_provider: body.video_type } : {}),
    ...(body.vimeo_id !== undefined ? { vimeo_id: body.vimeo_id } : {}),
    ...(body.duration !== undefined ? { duration_seconds: body.duration } : {}),
    ...(body.is_free_preview !== undefined ? { is_free_preview: body.is_free_preview } : {}),
    ...(body.is_published !== undefined ? { status: body.is_published ? 'published' : 'draft' } : {}),
  };
}

/** 000's lessons are videos when they name one, text otherwise; they land in the first section. */
export function createLessonInput(body: Static<typeof CreateLessonBody>): CreateLessonInput {
  const video = Boolean(body.video_url || body.vimeo_id);
  return {
    ...lessonInput(body),
    title: body.title,
    type: video ? 'video' : 'text',
    ...(body.order !== undefined ? { position: body.order } : {}),
  };
}
