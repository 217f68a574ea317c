// The catalog's domain errors with stable codes.
import { conflict, DomainError, notFound } from '../../platform/errors.ts';

export const courseNotFound = (id: string) => notFound('Course', id);
export const lessonNotFound = (id: string) => notFound('Lesson', id);
export const sectionNotFound = (id: string) => notFound('Section', id);
export const categoryNotFound = (id: string) => notFound('Category', id);
export const tagNotFound = (id: string) => notFound('Tag', id);
export const resourceNotFound = (id: string) => notFound('Resource', id);

export const notCourseStaff = () =>
  new DomainError(
    'forbidden',
    'CATALOG_NOT_COURSE_STAFF',
    'Only the course owner, a co-instructor or an admin may change this course',
  );
export const contentLocked = () =>
  new DomainError('forbidden', 'CATALOG_CONTENT_LOCKED', 'Enroll in the course to read this lesson');
export const invalidTransition = (from: string, to: string) =>
  new DomainError('conflict', 'CATALOG_INVALID_STATUS_TRANSITION', `A ${from} course cannot become ${to}`);
export const notPublishable = (reason: string) => new DomainError('conflict', 'CATALOG_COURSE_NOT_PUBLISHABLE', reason);
export const courseHasEnrollments = () =>
  conflict('CATALOG_COURSE_HAS_ENROLLMENTS', 'The course has enrolled students; archive it instead of deleting it');
export const capacityBelowEnrolled = (enrolled: number) =>
  new DomainError(
    'conflict',
    'CATALOG_CAPACITY_BELOW_ENROLLED',
    `max_students cannot be lower than the ${enrolled} students already enrolled`,
  );
export const duplicateSlug = (slug: string) => conflict('CATALOG_SLUG_TAKEN', `The slug "${slug}" is already used`);
export const duplicateCode = (code: string) =>
  conflict('CATALOG_CODE_TAKEN', `The course code "${code}" is already used`);
export const categoryCycle = () =>
  new DomainError('validation', 'CATALOG_CATEGORY_CYCLE', 'A category cannot be its own ancestor', {
    details: [{ field: 'parent_id', message: 'A category cannot be its own ancestor' }],
  });
export const notAnInstructor = (id: string, field = 'user_id') =>
  new DomainError('validation', 'CATALOG_NOT_AN_INSTRUCTOR', `User ${id} is not an instructor`, {
    details: [{ field, message: `User ${id} is not an instructor` }],
  });
