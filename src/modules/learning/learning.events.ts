// Events the learning module publishes, inside the transaction of the change they report.
import type { PaymentStatus } from './learning.tables.ts';

declare module '../../platform/events/index.ts' {
  interface EventMap {
    /** A student enrolled (themself, by a grant, or by a recorded payment), or came back after cancelling. */
    'learning.enrollment.created': EnrollmentCreated;
    /** The student, the course staff or an admin cancelled the enrolment, or an admin refunded it. */
    'learning.enrollment.cancelled': EnrollmentCancelled;
    /** An admin recorded a payment taken elsewhere. */
    'learning.payment.recorded': PaymentRecorded;
    /** A lesson became completed for a student (completing it again publishes nothing). */
    'learning.lesson.completed': LessonCompleted;
    /** A student watched enough of a video lesson for it to count as watched. */
    'learning.video.watched': VideoWatched;
    /** The last counted lesson was completed: the enrolment is completed. */
    'learning.course.completed': CourseCompleted;
    'learning.certificate.issued': CertificateIssued;
  }
}

interface EnrollmentFacts {
  enrollment_id: string;
  user_id: string;
  course_id: string;
}

export interface EnrollmentCreated extends EnrollmentFacts {
  payment_status: PaymentStatus;
  /** The staff member or admin who granted the seat or recorded the payment; null when self-enrolled. */
  granted_by: string | null;
  /** True when a cancelled enrolment was brought back (its progress kept). */
  reactivated: boolean;
}

export interface EnrollmentCancelled extends EnrollmentFacts {
  reason: 'cancelled' | 'refunded';
}

export interface PaymentRecorded extends EnrollmentFacts {
  /** Decimal, as recorded. */
  amount: string;
  currency: string;
  reference: string | null;
  recorded_by: string;
}

export interface LessonCompleted extends EnrollmentFacts {
  lesson_id: string;
  score: number | null;
}

export interface VideoWatched extends EnrollmentFacts {
  lesson_id: string;
  watched_seconds: number;
  completion_percentage: number;
}

export type CourseCompleted = EnrollmentFacts;

export interface CertificateIssued extends EnrollmentFacts {
  certificate_id: string;
  certificate_number: string;
  course_title: string;
}
