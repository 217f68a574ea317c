// What assessment needs from other modules, narrowed to the calls it makes. Methods that may run
// inside an assessment transaction take the executor.
import type { Expression, RawBuilder, SqlBool } from 'kysely';

import type { Actor } from '../../platform/actor.ts';
import type { Executor } from '../../platform/db/index.ts';

export interface AssessmentPorts {
  catalog: CatalogPort;
  learning: LearningPort;
  files: FilesPort;
}

export interface CatalogPort {
  getCourseSummary(courseId: string, executor?: Executor): Promise<{ id: string; status: string } | undefined>;
  /** Admin, owner or co-instructor. */
  isCourseStaff(actor: Actor, courseId: string, executor?: Executor): Promise<boolean>;
  getLessonSummary(lessonId: string, executor?: Executor): Promise<{ id: string; course_id: string } | undefined>;
  /** The courses the user owns or co-teaches. */
  listTaughtCourseIds(userId: string, executor?: Executor): Promise<string[]>;
}

export interface LearningPort {
  isEnrolled(userId: string, courseId: string, executor?: Executor): Promise<boolean>;
  /** isEnrolled as a condition embedded in an assessment statement (the one-statement attempt start). */
  enrolledCondition(userId: string, courseId: Expression<string>): RawBuilder<SqlBool>;
}

/** A file the actor may attach to a submission (not found unless theirs). */
export interface FilesPort {
  getFileForActor(actor: Actor, fileId: string): Promise<{ id: string; owner_id: string }>;
}
