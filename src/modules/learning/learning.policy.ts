// Who may read and change enrolments, progress and certificates. A course's staff are whoever the
// catalog says (its isCourseStaff includes admins, so no rule here repeats "or admin" for staff);
// the few admin-only acts use isAdmin.
import type { Actor } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';
import type { CatalogPort } from './learning.ports.ts';

/** What the rules read about an enrolment or a certificate. */
interface Owned {
  user_id: string;
  course_id: string;
}

export function createLearningPolicy(catalog: Pick<CatalogPort, 'isCourseStaff' | 'listTaughtCourseIds'>) {
  const isCourseStaff = (actor: Actor, courseId: string) => catalog.isCourseStaff(actor, courseId);

  return {
    isCourseStaff,

    /** The student, the course's staff, or an admin. */
    async canReadEnrollment(actor: Actor, enrollment: Owned): Promise<boolean> {
      return enrollment.user_id === actor.id || isCourseStaff(actor, enrollment.course_id);
    },

    /** Rosters, comp seats and video statistics: the course's staff. */
    canManageCourseLearning: isCourseStaff,

    /**
     * The courses whose students a teacher sees at once (000's teacher pages): an instructor's own
     * and co-taught courses; every course for an admin (null); students oversee none.
     */
    async teachingScope(actor: Actor): Promise<string[] | null> {
      if (isAdmin(actor)) return null;
      if (actor.role !== 'instructor') throw forbidden('Only teachers and admins see their students');
      return catalog.listTaughtCourseIds(actor.id);
    },

    /** Payments are taken elsewhere; only admins record and refund them. */
    canHandlePayments: (actor: Actor): boolean => isAdmin(actor),

    /** The student asks for their certificate; an admin may issue it for them. Course staff may not. */
    canIssueCertificate: (actor: Actor, enrollment: Owned): boolean =>
      enrollment.user_id === actor.id || isAdmin(actor),

    /** The holder, the course's staff, or an admin. */
    async canReadCertificate(actor: Actor, certificate: Owned): Promise<boolean> {
      return certificate.user_id === actor.id || isCourseStaff(actor, certificate.course_id);
    },

    canRevokeCertificate: (actor: Actor): boolean => isAdmin(actor),
  };
}

export type LearningPolicy = ReturnType<typeof createLearningPolicy>;
