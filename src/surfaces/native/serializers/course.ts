// Courses in 001's words (level → difficulty_level, owner → instructor_id, co-instructors...),
// and 001's course bodies and filters in the catalog's.
import type { Static } from 'typebox';

import type { Course, CourseDetail } from '../../../modules/catalog/index.ts';
import type { CourseListQuery, CreateCourseBody, UpdateCourseBody } from '../courses.schemas.ts';
import { minutesOf } from './lesson.ts';

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

export function createCourseInput({ difficulty_level, instructor_id, ...rest }: Static<typeof CreateCourseBody>) {
  return {
    ...rest,
    ...(difficulty_level ? { level: difficulty_level } : {}),
    ...(instructor_id ? { owner_id: instructor_id } : {}),
  };
}

export function updateCourseInput({ difficulty_level, ...rest }: Static<typeof UpdateCourseBody>) {
  return { ...rest, ...(difficulty_level ? { level: difficulty_level } : {}) };
}

/** The list filters; `q`/`search` and `instructor`/`instructor_id` are aliases. */
export function courseFilterOf(query: Static<typeof CourseListQuery>) {
  const search = query.q ?? query.search;
  const instructorId = query.instructor ?? query.instructor_id;
  return {
    ...(query.category ? { category: query.category } : {}),
    ...(query.difficulty_level ? { level: query.difficulty_level } : {}),
    ...(instructorId ? { instructorId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.mine ? { mine: true } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    ...(search ? { search } : {}),
    ...(query.sort ? { sort: query.sort } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  };
}
