// Course instructors and instructors' public profiles (002's /instructors). Names and roles come
// from identity; course counts from the catalog's own tables.
import type { Actor } from '../../platform/actor.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { UserSummary } from '../identity/index.ts';
import { canTeach, TEACHING_ROLES } from './catalog.policy.ts';
import type { CatalogPorts } from './catalog.ports.ts';
import type { Course, InstructorProfile } from './catalog.types.ts';
import { courseRepo } from './course.repo.ts';
import type { CourseService } from './course.service.ts';

export interface CourseInstructor {
  id: string;
  full_name: string;
  role: 'owner' | 'co_instructor';
}

type Stats = { course_count: number; student_count: number };

export function createInstructorService({
  database,
  courses,
  identity,
}: {
  database: DatabaseHandle;
  courses: Pick<CourseService, 'findVisible'>;
  identity: CatalogPorts['identity'];
}) {
  const { db } = database;

  const profileOf = (user: UserSummary, stats: Stats | undefined): Omit<InstructorProfile, 'courses'> => ({
    id: user.id,
    full_name: user.full_name,
    first_name: user.first_name,
    last_name: user.last_name,
    course_count: stats?.course_count ?? 0,
    student_count: stats?.student_count ?? 0,
  });

  return {
    async listCourseInstructors(actor: Actor | null, courseId: string): Promise<CourseInstructor[]> {
      const course = await courses.findVisible(actor, courseId);
      const ids = [course.owner_id, ...course.instructor_ids];
      const names = new Map((await identity.getUserSummaries(ids)).map((u) => [u.id, u.full_name]));
      return ids.map((id) => ({
        id,
        full_name: names.get(id) ?? '',
        role: id === course.owner_id ? 'owner' : 'co_instructor',
      }));
    },

    /** Active instructors with at least one published course, by name. */
    async listInstructors(
      filter: { search?: string | undefined },
      page: PageRequest,
    ): Promise<Paged<Omit<InstructorProfile, 'courses'>>> {
      const stats = new Map((await courseRepo.publishedStaffStats(db)).map((s) => [s.user_id, s]));
      const users = await identity.searchUserSummaries(
        { ids: [...stats.keys()], roles: TEACHING_ROLES, activeOnly: true, search: filter.search },
        page,
      );
      return { items: users.items.map((user) => profileOf(user, stats.get(user.id))), total: users.total };
    },

    /** An instructor's public profile with their published courses; unknown for anyone else. */
    async getInstructor(instructorId: string): Promise<InstructorProfile> {
      const [user] = await identity.getUserSummaries([instructorId]);
      if (!user || !canTeach(user)) throw notFound('Instructor', instructorId);
      const [stats] = await courseRepo.publishedStaffStats(db, instructorId);
      const published: Course[] = [];
      for (let page = 0; ; page++) {
        const batch = await courseRepo.list(
          db,
          { id: null, isAdmin: false },
          { instructorId, sort: 'newest' },
          { limit: 100, offset: page * 100 },
        );
        published.push(...batch.items);
        if (batch.items.length < 100) break;
      }
      return { ...profileOf(user, stats), courses: published };
    },
  };
}
