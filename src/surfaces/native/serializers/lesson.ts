// Lessons in 001's words: `content_type` and minutes where the catalog says `type` and seconds,
// `order` where it says `position`, `can_access` for whether the caller may read the content.
import type { Static } from 'typebox';

import type { Lesson, LessonInput } from '../../../modules/catalog/index.ts';
import type { CreateLessonBody, MoveLessonBody, ReorderLessonsBody, UpdateLessonBody } from '../lessons.schemas.ts';

export const minutesOf = (seconds: number) => Math.round(seconds / 60);

export function toLessonOut(lesson: Lesson) {
  return {
    ...lesson,
    content_type: lesson.type,
    duration_minutes: minutesOf(lesson.duration_seconds),
    can_access: lesson.accessible,
  };
}

/** The lesson fields of a create or update body; `duration_seconds` wins over `duration_minutes`. */
export function lessonInput({
  content_type,
  duration_minutes,
  duration_seconds,
  ...rest
}: Static<typeof UpdateLessonBody>): LessonInput {
  const seconds = duration_seconds ?? (duration_minutes !== undefined ? duration_minutes * 60 : undefined);
  return {
    ...rest,
    ...(content_type ? { type: content_type } : {}),
    ...(seconds !== undefined ? { duration_seconds: seconds } : {}),
  };
}

export function createLessonInput({ title, section_id, order, ...rest }: Static<typeof CreateLessonBody>) {
  return {
    ...lessonInput(rest),
    title,
    ...(section_id ? { section_id } : {}),
    ...(order !== undefined ? { position: order } : {}),
  };
}

export function reorderLessonsInput({ course_id, lesson_ids, section_id }: Static<typeof ReorderLessonsBody>) {
  return { courseId: course_id, lessonIds: lesson_ids, ...(section_id ? { sectionId: section_id } : {}) };
}

export function moveLessonInput({ section_id, position }: Static<typeof MoveLessonBody>) {
  return { sectionId: section_id, ...(position !== undefined ? { position } : {}) };
}
