// Who may do what with a course's assessments: the course's staff (owner, co-instructors and
// admins, as the catalog's isCourseStaff says) manage and grade; enrolled students take quizzes
// and submit work. Used by every service here.
import type { Actor } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';
import type { Executor } from '../../platform/db/index.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { CatalogPort, LearningPort } from './assessment.ports.ts';

export type AssessmentPolicy = ReturnType<typeof createAssessmentPolicy>;

const staffOnly = () => forbidden('Only the course instructors or an admin may do this');

export function createAssessmentPolicy(ports: { catalog: CatalogPort; learning: Pick<LearningPort, 'isEnrolled'> }) {
  const isStaff = (actor: Actor, courseId: string, executor?: Executor): Promise<boolean> =>
    ports.catalog.isCourseStaff(actor, courseId, executor);

  return {
    isStaff,

    /** Throws forbidden unless the actor manages the course. */
    async assertStaff(actor: Actor, courseId: string): Promise<void> {
      if (!(await isStaff(actor, courseId))) throw staffOnly();
    },

    isEnrolled: (actor: Actor, courseId: string) => ports.learning.isEnrolled(actor.id, courseId),

    /** The course, for staff writes: missing courses are 404, other people's are 403. */
    async courseForStaff(actor: Actor, courseId: string): Promise<void> {
      const course = await ports.catalog.getCourseSummary(courseId);
      if (!course) throw notFound('Course', courseId);
      if (!(await isStaff(actor, courseId))) throw staffOnly();
    },

    /**
     * The courses whose work a teacher oversees at once (000's teacher pages): an instructor's
     * own and co-taught courses; every course for an admin (null); students have none to oversee.
     */
    async teachingScope(actor: Actor): Promise<string[] | null> {
      if (isAdmin(actor)) return null;
      if (actor.role !== 'instructor') throw forbidden('Only teachers and admins oversee courses');
      return ports.catalog.listTaughtCourseIds(actor.id);
    },

    /** Nobody grades their own attempt, except an admin trying a quiz out. */
    mayGradeOwnWork: (actor: Actor): boolean => isAdmin(actor),

    /** Admins list every quiz; others see published ones and those of courses they teach. */
    seesAllQuizzes: (actor: Actor): boolean => isAdmin(actor),
  };
}
