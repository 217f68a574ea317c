// Courses in 002's words (course_code, created_by, duration_minutes, order_index...) and 002's
// course bodies in the catalog's. Only declared fields are read: anything else is ignored.
import type { Static } from 'typebox';

import type {
  Category,
  Course,
  CourseDetail,
  CourseInput,
  CourseLevel,
  CourseListQuery as ModuleQuery,
  InstructorProfile,
} from '../../../modules/catalog/index.ts';
import { COURSE_LEVELS } from '../../../modules/catalog/index.ts';
import { invalid } from '../../../platform/errors.ts';
import type { CourseListQuery, UpdateCourseBody } from '../courses.schemas.ts';

export function toCourseOut(course: Course) {
  return {
    id: course.id,
    course_code: course.code,
    title: course.title,
    slug: course.slug,
    description: course.description,
    level: course.level,
    category: course.category_id,
    category_name: course.category_name,
    created_by: course.owner_id,
    created_by_name: course.owner_name,
    instructors: course.instructor_ids,
    status: course.status,
    price: course.price,
    currency: course.currency,
    thumbnail_url: course.thumbnail_url,
    duration_minutes: course.estimated_duration_minutes,
    has_certificate: course.has_certificate,
    max_students: course.max_students,
    enrolled_count: course.enrolled_count,
    tags: course.tags,
    published_at: course.published_at,
    created_at: course.created_at,
    updated_at: course.updated_at,
  };
}

export function toCourseDetailOut(course: CourseDetail) {
  return {
    ...toCourseOut(course),
    sections: course.sections.map((section) => ({
      id: section.id,
      title: section.title,
      order_index: section.position,
      lectures: course.lessons
        .filter((lesson) => lesson.section_id === section.id)
        .map((lesson) => ({
          id: lesson.id,
          title: lesson.title,
          content_type: lesson.type,
          order_index: lesson.position,
          duration_seconds: lesson.duration_seconds,
          is_preview: lesson.is_free_preview,
        })),
    })),
  };
}

/** A level in any case (`Beginner`), as the catalog's. */
export function levelOf(value: string): CourseLevel {
  const level = value.toLowerCase() as CourseLevel;
  if (!COURSE_LEVELS.includes(level)) throw invalid(`"${value}" is not a valid choice.`, 'level');
  return level;
}

/** The declared fields of a create/PUT/PATCH body, renamed to the catalog's. */
export function courseInput(body: Static<typeof UpdateCourseBody>): CourseInput & { title?: string } {
  const input: CourseInput & { title?: string } = {};
  if (body.title !== undefined) input.title = body.title;
  if (body.course_code !== undefined) input.code = body.course_code;
  if (body.slug !== undefined) input.slug = body.slug;
  if (body.description !== undefined) input.description = body.description;
  if (body.level !== undefined) input.level = levelOf(body.level);
  if (body.category !== undefined) input.category = body.category;
  if (body.status !== undefined) input.status = body.status;
  if (body.price !== undefined) input.price = body.price;
  if (body.currency !== undefined) input.currency = body.currency.toUpperCase();
  if (body.thumbnail_url !== undefined) input.thumbnail_url = body.thumbnail_url;
  if (body.duration_minutes !== undefined) input.estimated_duration_minutes = body.duration_minutes;
  if (body.has_certificate !== undefined) input.has_certificate = body.has_certificate;
  if (body.max_students !== undefined) input.max_students = body.max_students;
  if (body.tags !== undefined) input.tags = body.tags;
  return input;
}

const SORT_BY_ORDERING = {
  created_at: 'oldest',
  '-created_at': 'newest',
  title: 'title',
  price: 'price',
  '-price': 'price_desc',
} as const;

export function courseFilterOf(query: Static<typeof CourseListQuery>): ModuleQuery {
  return {
    ...(query.category ? { category: query.category } : {}),
    ...(query.level ? { level: levelOf(query.level) } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.instructor ? { instructorId: query.instructor } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    ...(query.search ? { search: query.search } : {}),
    ...(query.ordering ? { sort: SORT_BY_ORDERING[query.ordering] } : {}),
  };
}

export function toCategoryOut(category: Category) {
  return {
    id: category.id,
    name: category.name,
    slug: category.slug,
    description: category.description,
    parent_category: category.parent_id,
    course_count: category.total_course_count,
    created_at: category.created_at,
  };
}

export function toInstructorOut(instructor: Omit<InstructorProfile, 'courses'>) {
  return {
    id: instructor.id,
    full_name: instructor.full_name,
    first_name: instructor.first_name,
    last_name: instructor.last_name,
    course_count: instructor.course_count,
    student_count: instructor.student_count,
  };
}
