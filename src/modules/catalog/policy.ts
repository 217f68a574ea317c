// Who may see and change what in the catalog: the one place these rules live.
import type { Actor } from '../../platform/actor.ts';
import type { Executor } from '../../platform/db/index.ts';
import { contentLocked, courseNotFound, notCourseStaff } from './catalog.errors.ts';
import type { CatalogPorts } from './catalog.ports.ts';
import { courseRepo } from './course.repo.ts';

interface CourseFacts {
  id: string;
  status: string;
  owner_id: string;
  instructor_ids: string[];
}

export function isStaffOf(actor: Actor | null, course: CourseFacts): boolean {
  if (!actor) return false;
  return actor.role === 'admin' || course.owner_id === actor.id || course.instructor_ids.includes(actor.id);
}

export function createCatalogPolicy(enrollments: CatalogPorts['learning']) {
  /** Staff read everything; others read a published lesson of a published course when it is a free preview or they are enrolled. */
  async function canReadContent(
    actor: Actor | null,
    course: CourseFacts,
    lesson: { status: string; is_free_preview: boolean },
  ): Promise<boolean> {
    if (isStaffOf(actor, course)) return true;
    if (course.status !== 'published' || lesson.status !== 'published') return false;
    if (lesson.is_free_preview) return true;
    return actor !== null && enrollments.isEnrolled(actor.id, course.id);
  }

  return {
    isStaffOf,

    /** Drafts, courses in review and archived ones are visible to their staff and admins only. */
    canSee(actor: Actor | null, course: CourseFacts): boolean {
      return course.status === 'published' || isStaffOf(actor, course);
    },

    async isStaff(db: Executor, actor: Actor, courseId: string): Promise<boolean> {
      if (actor.role === 'admin') return true;
      return courseRepo.isStaff(db, courseId, actor.id);
    },

    /** Throws not found for a missing course, forbidden for anyone but admin, owner or co-instructor. */
    async assertStaff(db: Executor, actor: Actor, courseId: string): Promise<void> {
      const summary = await courseRepo.findSummary(db, courseId);
      if (!summary) throw courseNotFound(courseId);
      if (!isStaffOf(actor, summary)) throw notCourseStaff();
    },

    canReadContent,

    async assertCanReadContent(
      actor: Actor | null,
      course: CourseFacts,
      lesson: { status: string; is_free_preview: boolean },
    ): Promise<void> {
      if (!(await canReadContent(actor, course, lesson))) throw contentLocked();
    },
  };
}

export type CatalogPolicy = ReturnType<typeof createCatalogPolicy>;
