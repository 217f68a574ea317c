// Courses in 004's shapes (`name` = title, `duration_minutes` = minutes per session,
// `current_students` = enrolments), and 004's input back to the catalog's fields.
import type { Course, CourseInput } from '../../../modules/catalog/index.ts';
import { pageCount } from '../../kit/paging.ts';

export function toCourseOut(course: Course) {
  return {
    id: course.id,
    name: course.title,
    description: course.description,
    price: Number(course.price),
    currency: course.currency,
    instructor_id: course.owner_id,
    instructor_name: course.owner_name,
    duration_minutes: course.session_duration_minutes,
    max_students: course.max_students,
    current_students: course.enrolled_count,
    schedule: course.schedule,
    created_at: course.created_at,
    updated_at: course.updated_at,
  };
}

export function toCourseList(courses: Course[], total: number, page: number, limit: number) {
  return {
    courses: courses.map(toCourseOut),
    pagination: { page, limit, total, total_pages: pageCount(total, limit) },
  };
}

export interface CourseBody {
  name?: string | undefined;
  description?: string | undefined;
  price?: number | undefined;
  currency?: string | undefined;
  duration_minutes?: number | null | undefined;
  max_students?: number | null | undefined;
  schedule?: string[] | undefined;
}

/** 004's fields as the catalog names them; only those the client sent. */
export function fromCourseBody(body: CourseBody): CourseInput {
  return {
    ...(body.name !== undefined ? { title: body.name } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.price !== undefined ? { price: body.price } : {}),
    ...(body.currency !== undefined ? { currency: body.currency } : {}),
    ...(body.duration_minutes !== undefined ? { session_duration_minutes: body.duration_minutes } : {}),
    ...(body.max_students !== undefined ? { max_students: body.max_students } : {}),
    ...(body.schedule !== undefined ? { schedule: body.schedule } : {}),
  };
}
