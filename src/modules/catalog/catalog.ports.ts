// What the catalog needs from other modules, narrowed to the calls it makes. The composition root
// hands in the modules themselves (or late-bound stand-ins); the compiler checks they fit.
import type { Actor } from '../../platform/actor.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { MediaAsset } from '../files/index.ts';
import type { UserSummary, UserSummaryFilter } from '../identity/index.ts';

export interface CatalogPorts {
  identity: IdentityPort;
  learning: LearningPort;
  files: FilesPort;
}

/** Owners' and instructors' names and roles. */
export interface IdentityPort {
  getUserSummaries(ids: readonly string[], executor?: Executor): Promise<UserSummary[]>;
  searchUserSummaries(filter: UserSummaryFilter, page: PageRequest): Promise<Paged<UserSummary>>;
}

/** "Is this user enrolled?", for the content gate. */
export interface LearningPort {
  isEnrolled(userId: string, courseId: string, executor?: Executor): Promise<boolean>;
  /** Which of these courses the user is enrolled in (one question for a page of courses). */
  listEnrolledCourseIds(userId: string, courseIds: readonly string[]): Promise<string[]>;
}

/** A file a resource may attach (the actor's own: not found otherwise), and lessons' media. */
export interface FilesPort {
  /** The media assets the actor may see on each lesson, by lesson id. */
  listLessonsMedia(actor: Actor | null, lessonIds: readonly string[]): Promise<Map<string, MediaAsset[]>>;
  getFileForActor(
    actor: Actor,
    fileId: string,
  ): Promise<{ id: string; original_name: string; content_type: string; size_bytes: number }>;
}
