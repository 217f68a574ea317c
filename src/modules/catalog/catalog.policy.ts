// Who may see and change what in the catalog: the rules, as pure functions over the facts they
// need (course-access.ts gathers those facts). Admins are handled here, once: every "may manage"
// rule starts from canManageCourse, and other modules ask the catalog's isCourseStaff, which
// applies it.
import type { Actor, Role } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';

/** What the rules read about a course. */
export interface CourseFacts {
  status: string;
  owner_id: string;
  instructor_ids: readonly string[];
}

/** What the rules read about a lesson. */
export interface LessonFacts {
  status: string;
  is_free_preview: boolean;
}

/** Admin, owner or co-instructor: edits the course, its content and its tags, sees it in any status. */
export function canManageCourse(
  actor: Actor | null,
  course: Pick<CourseFacts, 'owner_id' | 'instructor_ids'>,
): boolean {
  if (!actor) return false;
  return isAdmin(actor) || course.owner_id === actor.id || course.instructor_ids.includes(actor.id);
}

/** Drafts, courses in review and archived ones are visible to their staff and admins only. */
export function canSeeCourse(actor: Actor | null, course: CourseFacts): boolean {
  return course.status === 'published' || canManageCourse(actor, course);
}

/** Roles whose accounts own or co-teach courses, and have a public instructor profile. */
export const TEACHING_ROLES: readonly Role[] = ['instructor', 'admin'];

/** Whether a user may own or co-teach a course (and be listed as an instructor). */
export function canTeach(user: { role: Role; is_active: boolean }): boolean {
  return user.is_active && TEACHING_ROLES.includes(user.role);
}

/** Instructors and admins create courses. */
export function canCreateCourse(actor: Actor): boolean {
  return actor.role === 'instructor' || isAdmin(actor);
}

/** A course belongs to its creator unless an admin creates it on an instructor's behalf. */
export function canCreateCourseFor(actor: Actor, ownerId: string): boolean {
  return ownerId === actor.id || isAdmin(actor);
}

/** Only the owner (or an admin) decides who teaches alongside them. */
export function canAddInstructor(actor: Actor, course: Pick<CourseFacts, 'owner_id'>): boolean {
  return isAdmin(actor) || course.owner_id === actor.id;
}

/** Handing a course over to another owner is an admin's decision, never the teacher's own. */
export function canChangeOwner(actor: Actor): boolean {
  return isAdmin(actor);
}

/** The owner and admins remove anyone; a co-instructor may step down. */
export function canRemoveInstructor(actor: Actor, course: Pick<CourseFacts, 'owner_id'>, userId: string): boolean {
  return canAddInstructor(actor, course) || actor.id === userId;
}

/** The category tree is the admins'. */
export function canManageCategories(actor: Actor): boolean {
  return isAdmin(actor);
}

export function canCreateTag(actor: Actor): boolean {
  return actor.role === 'instructor' || isAdmin(actor);
}

export function canDeleteTag(actor: Actor): boolean {
  return isAdmin(actor);
}

/**
 * Who reads a lesson's content: staff always; anyone a published free-preview lesson of a
 * published course; otherwise only students enrolled in the course ('enrolled': the caller
 * checks the enrolment, which needs the learning module).
 */
export function contentAccess(
  actor: Actor | null,
  course: CourseFacts,
  lesson: LessonFacts,
): 'open' | 'enrolled' | 'closed' {
  if (canManageCourse(actor, course)) return 'open';
  if (course.status !== 'published' || lesson.status !== 'published') return 'closed';
  if (lesson.is_free_preview) return 'open';
  return actor ? 'enrolled' : 'closed';
}
