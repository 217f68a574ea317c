// What the notifications module needs from other modules and the platform, narrowed.
import type { Executor } from '../../platform/db/index.ts';
import type { CourseSummary } from '../catalog/index.ts';
import type { UserSummary } from '../identity/index.ts';

export interface IdentityPort {
  /** The live account with this email or phone, whose preferences and feed a notification joins. */
  findUserIdByContact(contact: { email?: string; phone?: string }, executor?: Executor): Promise<string | undefined>;
  /** Names and addresses of the people a domain event concerns. */
  getUserSummaries(ids: readonly string[], executor?: Executor): Promise<UserSummary[]>;
}

/** Course titles for event notifications; courses with weekly sessions for reminders. */
export interface CatalogPort {
  getCourseSummary(courseId: string, executor?: Executor): Promise<CourseSummary | undefined>;
  listScheduledCourses(executor?: Executor): Promise<{ id: string; title: string; schedule: string[] }[]>;
}

/** The certificate behind a `learning.certificate.issued` event; who a reminder is for. */
export interface LearningPort {
  certificateVerificationLink(certificateId: string, executor?: Executor): Promise<string | undefined>;
  activeStudentIds(courseId: string, executor?: Executor): Promise<string[]>;
}

/** Assignments about to be due, and who has handed them in. */
export interface AssessmentPort {
  listAssignmentsDueBetween(
    from: Date,
    to: Date,
    executor?: Executor,
  ): Promise<{ id: string; course_id: string; title: string; due_at: Date; submitter_ids: string[] }[]>;
}

export interface NotificationsPorts {
  identity: IdentityPort;
  catalog: CatalogPort;
  learning: LearningPort;
  assessment: AssessmentPort;
}
