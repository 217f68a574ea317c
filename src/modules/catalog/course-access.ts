// The catalog's rules (catalog.policy.ts) applied: reads the course and, for content, asks the
// learning module about the enrolment.
import type { Actor } from '../../platform/actor.ts';
import type { Executor } from '../../platform/db/index.ts';
import { contentLocked, courseNotFound, notCourseStaff } from './catalog.errors.ts';
import type { CourseFacts, LessonFacts } from './catalog.policy.ts';
import { canManageCourse, contentAccess } from './catalog.policy.ts';
import type { CatalogPorts } from './catalog.ports.ts';
import { courseRepo } from './course.repo.ts';

export function createCourseAccess(learning: CatalogPorts['learning']) {
  async function canReadContent(
    actor: Actor | null,
    course: CourseFacts & { id: string },
    lesson: LessonFacts,
  ): Promise<boolean> {
    const access = contentAccess(actor, course, lesson);
    if (access !== 'enrolled') return access === 'open';
    return actor !== null && learning.isEnrolled(actor.id, course.id);
  }

  /**
   * canReadContent for the lessons of many courses (a listing's page): the enrolments the
   * answers depend on are asked once, for all the courses together.
   */
  async function contentReader(
    actor: Actor | null,
    courses: readonly (CourseFacts & { id: string })[],
  ): Promise<(course: CourseFacts & { id: string }, lesson: LessonFacts) => boolean> {
    const gated = actor ? courses.filter((course) => !canManageCourse(actor, course)).map((c) => c.id) : [];
    const enrolled = new Set(actor && gated.length > 0 ? await learning.listEnrolledCourseIds(actor.id, gated) : []);
    return (course, lesson) => {
      const access = contentAccess(actor, course, lesson);
      return access === 'enrolled' ? enrolled.has(course.id) : access === 'open';
    };
  }

  return {
    contentReader,

    /** Admin, owner or co-instructor of the course; false for a missing course. */
    async isStaff(db: Executor, actor: Actor, courseId: string): Promise<boolean> {
      const course = await courseRepo.findSummary(db, courseId);
      return course !== undefined && canManageCourse(actor, course);
    },

    /** Throws not found for a missing course, forbidden for anyone but admin, owner or co-instructor. */
    async assertStaff(db: Executor, actor: Actor, courseId: string): Promise<void> {
      const course = await courseRepo.findSummary(db, courseId);
      if (!course) throw courseNotFound(courseId);
      if (!canManageCourse(actor, course)) throw notCourseStaff();
    },

    canReadContent,

    async assertCanReadContent(
      actor: Actor | null,
      course: CourseFacts & { id: string },
      lesson: LessonFacts,
    ): Promise<void> {
      if (!(await canReadContent(actor, course, lesson))) throw contentLocked();
    },
  };
}

export type CourseAccess = ReturnType<typeof createCourseAccess>;
