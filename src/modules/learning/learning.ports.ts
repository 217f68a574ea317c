// What learning needs from other modules, narrowed to the calls it makes. Methods that may run
// inside a learning transaction take the executor.
import type { Expression, RawBuilder } from 'kysely';

import type { Actor } from '../../platform/actor.ts';
import type { Executor, Tx } from '../../platform/db/index.ts';
import type { CourseSummary, LessonSummary } from '../catalog/index.ts';
import type { UserSummary } from '../identity/index.ts';

export interface LearningPorts {
  catalog: CatalogPort;
  identity: IdentityPort;
}

/** Courses and lessons, seats, and who teaches a course. */
export interface CatalogPort {
  getCourseSummary(courseId: string, executor?: Executor): Promise<CourseSummary | undefined>;
  /** Admin, owner or co-instructor. */
  isCourseStaff(actor: Actor, courseId: string, executor?: Executor): Promise<boolean>;
  listLessonIds(courseId: string, executor?: Executor): Promise<{ id: string; is_required: boolean }[]>;
  getLessonSummary(lessonId: string, executor?: Executor): Promise<LessonSummary | undefined>;
  /** listLessonIds's set as a subquery (`id`, `is_required`) for a learning statement. */
  publishedLessonsSql(courseId: Expression<string>): RawBuilder<{ id: string; is_required: boolean }>;
  /** A lesson's course (null when missing) as a scalar subquery for a learning statement. */
  lessonCourseSql(lessonId: Expression<string>): RawBuilder<string | null>;
  /** Takes one seat inside the caller's transaction; false when the course is full. */
  reserveSeat(tx: Tx, courseId: string): Promise<boolean>;
  releaseSeat(tx: Tx, courseId: string): Promise<unknown>;
  /** The courses the user owns or co-teaches. */
  listTaughtCourseIds(userId: string, executor?: Executor): Promise<string[]>;
}

/** The student's name printed on a certificate. */
export interface IdentityPort {
  getUserSummaries(ids: readonly string[], executor?: Executor): Promise<UserSummary[]>;
}
