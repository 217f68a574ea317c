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

/** Course titles for event notifications. */
export interface CatalogPort {
  getCourseSummary(courseId: string, executor?: Executor): Promise<CourseSummary | undefined>;
}

/** The certificate behind a `learning.certificate.issued` event, for its verification link. */
export interface LearningPort {
  certificateVerificationLink(certificateId: string, executor?: Executor): Promise<string | undefined>;
}

export interface NotificationsPorts {
  identity: IdentityPort;
  catalog: CatalogPort;
  learning: LearningPort;
}
