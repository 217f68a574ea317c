// A teacher's students across all of their courses (000's teacher page): who is enrolled in any
// course the teacher owns or co-teaches, with progress and last activity over those courses.
import type { Actor } from '../../platform/actor.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import { enrollmentRepo } from './enrollment.repo.ts';
import type { LearningPolicy } from './learning.policy.ts';
import type { IdentityPort } from './learning.ports.ts';
import type { TeacherStudent } from './learning.types.ts';

export interface RosterDeps {
  database: DatabaseHandle;
  policy: LearningPolicy;
  identity: IdentityPort;
}

export function createRosterService({ database, policy, identity }: RosterDeps) {
  return {
    /** The students of every course the actor teaches (of every course for an admin). */
    async listStudentsOfTeacher(actor: Actor, page: PageRequest): Promise<Paged<TeacherStudent>> {
      const scope = await policy.teachingScope(actor);
      const listed = await enrollmentRepo.studentsOfCourses(database.db, scope, page);
      const users = await identity.getUserSummaries(listed.items.map((row) => row.user_id));
      const byId = new Map(users.map((user) => [user.id, user]));
      return {
        items: listed.items.map((row) => ({
          id: row.user_id,
          full_name: byId.get(row.user_id)?.full_name ?? '',
          email: byId.get(row.user_id)?.email ?? null,
          enrolled_courses: row.enrolled_courses,
          average_progress: row.average_progress,
          last_activity: row.last_activity,
        })),
        total: listed.total,
      };
    },
  };
}
