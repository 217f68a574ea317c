// Enrolment use cases: enrol (self, by grant, by recorded payment), cancel, refund, read, list.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation, mapDbError } from '../../platform/db/errors.ts';
import type { DatabaseHandle, Executor, Tx } from '../../platform/db/index.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import { enrollmentRepo } from './enrollment.repo.ts';
import { alreadyEnrolled, courseFull, enrollmentNotActive, notPaid, paymentRequired } from './learning.errors.ts';
import type { LearningPolicy } from './learning.policy.ts';
import type { CatalogPort } from './learning.ports.ts';
import type { CourseSummary, Enrollment, EnrollmentStatus, MyCourse, PaymentStatus } from './learning.types.ts';

export interface EnrollmentDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
  catalog: CatalogPort;
  policy: LearningPolicy;
}

export interface PaymentInput {
  user_id: string;
  amount: string;
  currency?: string | undefined;
  reference?: string | undefined;
}

/** The ids every enrolment event carries. */
const factsOf = (enrollment: Enrollment) => ({
  enrollment_id: enrollment.id,
  user_id: enrollment.user_id,
  course_id: enrollment.course_id,
});

export function createEnrollmentService({ database, clock, events, catalog, policy }: EnrollmentDeps) {
  const db = database.db;

  /** The course, if it takes enrolments; drafts look like missing courses to outsiders. */
  async function openCourse(courseId: string): Promise<CourseSummary> {
    const course = await catalog.getCourseSummary(courseId);
    if (!course || course.status !== 'published') throw notFound('Course', courseId);
    return course;
  }

  /**
   * Creates (or brings back) the enrolment and takes a seat, all in the caller's transaction:
   * the seat counter's row lock is what makes capacity hold under concurrency.
   */
  async function open(
    tx: Tx,
    userId: string,
    courseId: string,
    paymentStatus: PaymentStatus,
    grantedBy: string | null,
  ): Promise<Enrollment> {
    const now = clock.now();
    const existing = await enrollmentRepo.findByUserAndCourse(tx, userId, courseId, true);
    if (existing && existing.status !== 'cancelled') throw alreadyEnrolled();
    if (!(await catalog.reserveSeat(tx, courseId))) throw courseFull();
    const enrollment = existing
      ? await enrollmentRepo.reactivate(tx, existing.id, paymentStatus, grantedBy, now)
      : await enrollmentRepo.insert(
          tx,
          { user_id: userId, course_id: courseId, payment_status: paymentStatus, granted_by: grantedBy },
          now,
        );
    await events.publish(tx, 'learning.enrollment.created', {
      ...factsOf(enrollment),
      payment_status: enrollment.payment_status,
      granted_by: enrollment.granted_by,
      reactivated: existing !== undefined,
    });
    return enrollment;
  }

  async function openTransaction(
    userId: string,
    courseId: string,
    paymentStatus: PaymentStatus,
    grantedBy: string | null,
  ) {
    try {
      return await database.transaction((tx) => open(tx, userId, courseId, paymentStatus, grantedBy));
    } catch (error) {
      // Two simultaneous enrolments of one user: the unique (user, course) pair lets one through.
      if (isUniqueViolation(error)) throw alreadyEnrolled();
      // A grant or payment for a user id that does not exist trips the foreign key.
      throw mapDbError(error, { notFound: 'User not found' });
    }
  }

  /** Reads an enrolment the actor may see: its student, the course's staff, or an admin. */
  async function getVisible(actor: Actor, enrollmentId: string): Promise<Enrollment> {
    const enrollment = await enrollmentRepo.findById(db, enrollmentId);
    if (!enrollment) throw notFound('Enrollment', enrollmentId);
    if (await policy.canReadEnrollment(actor, enrollment)) return enrollment;
    throw notFound('Enrollment', enrollmentId);
  }

  async function cancel(enrollment: Enrollment): Promise<Enrollment> {
    return database.transaction(async (tx) => {
      const locked = await enrollmentRepo.lockById(tx, enrollment.id);
      if (!locked) throw notFound('Enrollment', enrollment.id);
      if (locked.status === 'cancelled') throw enrollmentNotActive();
      await catalog.releaseSeat(tx, locked.course_id);
      const cancelled = await enrollmentRepo.update(
        tx,
        locked.id,
        { status: 'cancelled', cancelled_at: clock.now() },
        clock.now(),
      );
      await events.publish(tx, 'learning.enrollment.cancelled', { ...factsOf(cancelled), reason: 'cancelled' });
      return cancelled;
    });
  }

  return {
    getVisible,

    /** A student enrols themself: free published courses only (paid ones need a payment or a grant). */
    async enroll(actor: Actor, courseId: string): Promise<Enrollment> {
      const course = await openCourse(courseId);
      if (Number(course.price) > 0) {
        // A paid seat already recorded for this student is reopened with its payment status.
        const existing = await enrollmentRepo.findByUserAndCourse(db, actor.id, courseId);
        if (!existing || existing.payment_status !== 'paid') throw paymentRequired();
        return openTransaction(actor.id, courseId, 'paid', existing.granted_by);
      }
      return openTransaction(actor.id, courseId, 'free', null);
    },

    /** Course staff or an admin enrols a user without payment (a comp seat). */
    async grant(actor: Actor, courseId: string, userId: string): Promise<Enrollment> {
      await openCourse(courseId);
      if (!(await policy.canManageCourseLearning(actor, courseId))) throw forbidden();
      return openTransaction(userId, courseId, 'free', actor.id);
    },

    /** An admin records a payment taken elsewhere; the user is enrolled as paid. */
    async recordPayment(actor: Actor, courseId: string, input: PaymentInput): Promise<Enrollment> {
      if (!policy.canHandlePayments(actor)) throw forbidden();
      const course = await openCourse(courseId);
      const now = clock.now();
      const payment = {
        amount: input.amount,
        currency: input.currency ?? course.currency,
        reference: input.reference ?? null,
        recorded_by: actor.id,
      };
      try {
        return await database.transaction(async (tx) => {
          const existing = await enrollmentRepo.findByUserAndCourse(tx, input.user_id, courseId, true);
          const enrollment =
            existing && existing.status !== 'cancelled'
              ? await enrollmentRepo.update(tx, existing.id, { payment_status: 'paid' }, now)
              : await open(tx, input.user_id, courseId, 'paid', actor.id);
          await enrollmentRepo.insertPayment(tx, { enrollment_id: enrollment.id, ...payment }, now);
          await events.publish(tx, 'learning.payment.recorded', { ...factsOf(enrollment), ...payment });
          return enrollment;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyEnrolled();
        throw mapDbError(error, { notFound: 'User not found' });
      }
    },

    /** An admin refunds a paid enrolment: it is cancelled and its seat freed. */
    async refund(actor: Actor, enrollmentId: string): Promise<Enrollment> {
      if (!policy.canHandlePayments(actor)) throw forbidden();
      return database.transaction(async (tx) => {
        const locked = await enrollmentRepo.lockById(tx, enrollmentId);
        if (!locked) throw notFound('Enrollment', enrollmentId);
        if (locked.payment_status !== 'paid') throw notPaid();
        const now = clock.now();
        if (locked.status !== 'cancelled') await catalog.releaseSeat(tx, locked.course_id);
        await enrollmentRepo.markPaymentsRefunded(tx, locked.id, now);
        const refunded = await enrollmentRepo.update(
          tx,
          locked.id,
          { status: 'cancelled', payment_status: 'refunded', cancelled_at: locked.cancelled_at ?? now },
          now,
        );
        if (locked.status !== 'cancelled')
          await events.publish(tx, 'learning.enrollment.cancelled', { ...factsOf(refunded), reason: 'refunded' });
        return refunded;
      });
    },

    /** Unenrol: the student, the course's staff or an admin; the seat is released. */
    async cancel(actor: Actor, enrollmentId: string): Promise<Enrollment> {
      return cancel(await getVisible(actor, enrollmentId));
    },

    async cancelByCourse(actor: Actor, courseId: string): Promise<Enrollment> {
      const enrollment = await enrollmentRepo.findByUserAndCourse(db, actor.id, courseId);
      if (!enrollment || enrollment.status === 'cancelled') throw notFound('Enrollment for course', courseId);
      return cancel(enrollment);
    },

    async get(actor: Actor, enrollmentId: string): Promise<Enrollment> {
      return getVisible(actor, enrollmentId);
    },

    /** The actor's enrolments with their course and progress, newest first. */
    async listMine(
      actor: Actor,
      options: PageRequest & { status?: EnrollmentStatus | undefined },
    ): Promise<Paged<MyCourse>> {
      const page = await enrollmentRepo.listByUser(db, actor.id, options.status, options);
      const items = await Promise.all(
        page.items.map(async (enrollment) => {
          const course = await catalog.getCourseSummary(enrollment.course_id);
          return { ...enrollment, course: course ? { id: course.id, title: course.title, slug: course.slug } : null };
        }),
      );
      return { items, total: page.total };
    },

    /** The roster of a course, for its staff and admins. */
    async listForCourse(
      actor: Actor,
      courseId: string,
      options: PageRequest & { status?: EnrollmentStatus | undefined },
    ): Promise<Paged<Enrollment>> {
      const course = await catalog.getCourseSummary(courseId);
      if (!course) throw notFound('Course', courseId);
      if (!(await policy.canManageCourseLearning(actor, courseId))) throw forbidden();
      return enrollmentRepo.listByCourse(db, courseId, options.status, options);
    },

    /** True when the user has an active or completed enrolment (catalog's content gate). */
    async isEnrolled(userId: string, courseId: string, executor: Executor = db): Promise<boolean> {
      const enrollment = await enrollmentRepo.findByUserAndCourse(executor, userId, courseId);
      return enrollment !== undefined && enrollment.status !== 'cancelled';
    },

    /** Students actively enrolled in a course (notifications' reminders). */
    activeStudentIds(courseId: string, executor: Executor = db): Promise<string[]> {
      return enrollmentRepo.activeStudentIds(executor, courseId);
    },

    /** The user's enrolment in a course, whatever its status (assessment and other surfaces). */
    async getEnrollment(userId: string, courseId: string): Promise<Enrollment | undefined> {
      return enrollmentRepo.findByUserAndCourse(db, userId, courseId);
    },
  };
}

export type EnrollmentService = ReturnType<typeof createEnrollmentService>;
