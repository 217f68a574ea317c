// Categories with a page of their courses, and instructors with theirs, in 001's course shape.
import type { CatalogModule, InstructorProfile } from '../../../modules/catalog/index.ts';
import { toCourseOut } from './course.ts';
import { pageOf } from './page.ts';

type CategoryWithCourses = Awaited<ReturnType<CatalogModule['getCategoryWithCourses']>>;

export function toCategoryDetailOut(result: CategoryWithCourses, page: number, pageSize: number) {
  return {
    ...result.category,
    children: result.children,
    courses: pageOf(result.courses.items.map(toCourseOut), result.courses.total, page, pageSize),
  };
}

export function toInstructorProfileOut(profile: InstructorProfile) {
  return { ...profile, courses: profile.courses.map(toCourseOut) };
}
