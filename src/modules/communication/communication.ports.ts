// What the chat needs from other modules: course staff and titles (catalog), who is enrolled
// (learning), users' names and live sessions (identity), and shared files (files).
import type { Actor } from '../../platform/actor.ts';
import type { Executor } from '../../platform/db/index.ts';

export interface CommunicationPorts {
  catalog: CatalogPort;
  learning: LearningPort;
  identity: IdentityPort;
  files: FilesPort;
}

export interface FilesPort {
  /** A file the actor uploaded (admins: any); not found otherwise. */
  getFileForActor(
    actor: Actor,
    fileId: string,
  ): Promise<{ id: string; original_name: string; content_type: string; size_bytes: number }>;
  /** A short-lived signed link to a file whose reader the chat has already checked. */
  signedFileUrl(fileId: string): Promise<string>;
}

export interface CatalogPort {
  getCourseSummary(
    courseId: string,
    executor?: Executor,
  ): Promise<{ id: string; owner_id: string; instructor_ids: string[] } | undefined>;
  /** Admin, owner or co-instructor. */
  isCourseStaff(actor: Actor, courseId: string, executor?: Executor): Promise<boolean>;
}

export interface LearningPort {
  /** An enrolment that is not cancelled. */
  isEnrolled(userId: string, courseId: string, executor?: Executor): Promise<boolean>;
}

export interface IdentityPort {
  getUserSummaries(
    ids: readonly string[],
    executor?: Executor,
  ): Promise<{ id: string; full_name: string; email: string | null; is_active: boolean }[]>;
  /** The actor of a live session's access token; throws when expired or revoked. */
  authenticate(accessToken: string): Promise<Actor>;
}
