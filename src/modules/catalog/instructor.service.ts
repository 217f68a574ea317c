// Course instructors and instructors' public profiles (002's /instructors).
import '../identity/identity.tables.ts';

import { sql } from 'kysely';

import type { Actor } from '../../platform/actor.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { Course, InstructorProfile } from './catalog.types.ts';
import { courseRepo } from './course.repo.ts';
import type { CourseService } from './course.service.ts';

export interface CourseInstructor {
  id: string;
  full_name: string;
  role: 'owner' | 'co_instructor';
}

export function createInstructorService({
  database,
  courses,
}: {
  database: DatabaseHandle;
  courses: Pick<CourseService, 'findVisible'>;
}) {
  const { db } = database;

  /** Active instructors with at least one published course, and their published courses. */
  function profiles() {
    return db
      .selectFrom('users as u')
      .select(['u.id', 'u.full_name', 'u.first_name', 'u.last_name'])
      .select(
        sql<number>`(select count(*) from courses c where c.status = 'published' and (c.owner_id = u.id or exists (select 1 from course_instructors ci where ci.course_id = c.id and ci.user_id = u.id)))::int`.as(
          'course_count',
        ),
      )
      .select(
        sql<number>`(select coalesce(sum(c.enrolled_count), 0) from courses c where c.status = 'published' and (c.owner_id = u.id or exists (select 1 from course_instructors ci where ci.course_id = c.id and ci.user_id = u.id)))::int`.as(
          'student_count',
        ),
      )
      .where('u.role', 'in', ['instructor', 'admin'])
      .where('u.is_active', '=', true)
      .where('u.deleted_at', 'is', null);
  }

  return {
    async listCourseInstructors(actor: Actor | null, courseId: string): Promise<CourseInstructor[]> {
      const course = await courses.findVisible(actor, courseId);
      const rows = await db
        .selectFrom('users')
        .select(['id', 'full_name'])
        .where('id', 'in', [course.owner_id, ...course.instructor_ids])
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r.full_name]));
      return [course.owner_id, ...course.instructor_ids].map((id) => ({
        id,
        full_name: byId.get(id) ?? '',
        role: id === course.owner_id ? 'owner' : 'co_instructor',
      }));
    },

    async listInstructors(
      filter: { search?: string | undefined },
      page: PageRequest,
    ): Promise<Paged<Omit<InstructorProfile, 'courses'>>> {
      let query = profiles().where(
        sql<boolean>`exists (select 1 from courses c where c.status = 'published' and (c.owner_id = u.id or exists (select 1 from course_instructors ci where ci.course_id = c.id and ci.user_id = u.id)))`,
      );
      if (filter.search)
        query = query.where(
          sql`lower(u.full_name)`,
          'like',
          `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        );
      const rows = await query
        .select(sql<number>`count(*) over ()`.as('full_count'))
        .orderBy('u.full_name')
        .orderBy('u.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return { items: rows.map(({ full_count: _n, ...row }) => row), total: Number(rows[0]?.full_count ?? 0) };
    },

    /** An instructor's public profile with their published courses; unknown for anyone else. */
    async getInstructor(instructorId: string): Promise<InstructorProfile> {
      const profile = await profiles().where('u.id', '=', instructorId).executeTakeFirst();
      if (!profile) throw notFound('Instructor', instructorId);
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
      return { ...profile, courses: published };
    },
  };
}
