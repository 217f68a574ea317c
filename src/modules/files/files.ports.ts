// What the files module needs from other modules, narrowed to the calls it makes. Methods that
// may run inside a files transaction take the executor.
import type { Actor } from '../../platform/actor.ts';
import type { Executor, Tx } from '../../platform/db/index.ts';

export interface FilesPorts {
  catalog: CatalogPort;
  identity: IdentityPort;
}

/** Who may change a course or read a lesson. */
export interface CatalogPort {
  getLessonSummary(lessonId: string, executor?: Executor): Promise<{ id: string; course_id: string } | undefined>;
  getCourseSummary(courseId: string, executor?: Executor): Promise<{ id: string } | undefined>;
  /** Owner, co-instructor or admin. */
  isCourseStaff(actor: Actor, courseId: string, executor?: Executor): Promise<boolean>;
  /** Enrolled, free preview, staff or admin. */
  canReadLesson(actor: Actor | null, lessonId: string): Promise<boolean>;
}

/** Where a checked avatar ends up. */
export interface IdentityPort {
  setAvatarUrl(tx: Tx, userId: string, url: string): Promise<void>;
}
