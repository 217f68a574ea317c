// Who may do what with a course's assessments: the course's staff (owner, co-instructors) and
// admins manage; enrolled students take quizzes and submit work. Used by every service here.
import type { Actor } from '../../platform/actor.ts';
import type { Executor } from '../../platform/db/index.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { AssessmentPorts } from './assessment.ports.ts';

export type Access = ReturnType<typeof createAccess>;

export function createAccess(ports: Pick<AssessmentPorts, 'catalog' | 'learning'>) {
  async function isStaff(actor: Actor, courseId: string, executor?: Executor): Promise<boolean> {
    if (actor.role === 'admin') return true;
    return ports.catalog.isCourseStaff(actor, courseId, executor);
  }

  return {
    isStaff,

    /** Throws forbidden unless the actor manages the course. */
    async assertStaff(actor: Actor, courseId: string): Promise<void> {
      if (!(await isStaff(actor, courseId))) throw forbidden('Only the course instructors or an admin may do this');
    },

    isEnrolled: (actor: Actor, courseId: string) => ports.learning.isEnrolled(actor.id, courseId),

    /** The course, for staff writes: missing courses are 404, other people's are 403. */
    async courseForStaff(actor: Actor, courseId: string): Promise<void> {
      const course = await ports.catalog.getCourseSummary(courseId);
      if (!course) throw notFound('Course', courseId);
      if (!(await isStaff(actor, courseId))) throw forbidden('Only the course instructors or an admin may do this');
    },
  };
}
