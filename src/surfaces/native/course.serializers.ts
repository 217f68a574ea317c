// Canonical catalog objects to 001's field names (level → difficulty_level, owner → instructor_id...).
import type { Course, CourseDetail, Lesson } from '../../modules/catalog/index.ts';

export function toCourseOut(course: Course) {
  return {
    ...course,
    category: course.category_name,
    difficulty_level: course.level,
    is_published: course.status === 'published',
    instructor_id: course.owner_id,
    instructor_name: course.owner_name,
    co_instructor_ids: course.instructor_ids,
  };
}

export const minutesOf = (seconds: number) => Math.round(seconds / 60);

export function toCourseDetailOut(course: CourseDetail) {
  return {
    ...toCourseOut(course),
    sections: course.sections,
    lessons: course.lessons.map((lesson) => ({
      id: lesson.id,
      section_id: lesson.section_id,
      title: lesson.title,
      content_type: lesson.type,
      order: lesson.order,
      duration_minutes: minutesOf(lesson.duration_seconds),
      duration_seconds: lesson.duration_seconds,
      is_free_preview: lesson.is_free_preview,
      status: lesson.status,
    })),
  };
}

export function toLessonOut(lesson: Lesson) {
  return {
    ...lesson,
    content_type: lesson.type,
    duration_minutes: minutesOf(lesson.duration_seconds),
    can_access: lesson.accessible,
  };
}
