// Every SQL statement about courses, their co-instructors and their seats.
import './catalog.tables.ts';

import type { Expression, Insertable, SqlBool, Updateable } from 'kysely';
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { PageRequest } from '../../platform/paging.ts';
import type { CoursesTable } from './catalog.tables.ts';
import type { Course, CourseSummary } from './catalog.types.ts';
import type { CursorKeys, ListedPage, ListFilter, ListViewer } from './course-listing.repo.ts';
import { courseListingRepo } from './course-listing.repo.ts';

export type { ListFilter, ListViewer } from './course-listing.repo.ts';

export type NewCourse = Insertable<CoursesTable>;

/** A course as stored; the owner's name comes from identity (see course.service.ts). */
export type CourseRecord = Omit<Course, 'owner_name'>;

export type CourseChanges = Omit<Updateable<CoursesTable>, 'id' | 'created_at' | 'search_vector' | 'enrolled_count'>;

/** The fields a course change reports (catalog.events.ts). */
const COURSE_FIELDS = ['id', 'owner_id', 'title', 'description', 'status'] as const;
export type CourseFields = Pick<Course, (typeof COURSE_FIELDS)[number]>;

function baseSelect(db: Executor) {
  return db
    .selectFrom('courses as c')
    .leftJoin('categories as cat', 'cat.id', 'c.category_id')
    .select([
      'c.id',
      'c.owner_id',
      'c.category_id',
      'cat.name as category_name',
      'c.title',
      'c.slug',
      'c.code',
      'c.description',
      'c.level',
      'c.status',
      'c.price',
      'c.currency',
      'c.thumbnail_url',
      'c.estimated_duration_minutes',
      'c.session_duration_minutes',
      'c.max_students',
      'c.enrolled_count',
      'c.schedule',
      'c.has_certificate',
      'c.published_at',
      'c.created_at',
      'c.updated_at',
      sql<
        string[]
      >`array(select ci.user_id from course_instructors ci where ci.course_id = c.id order by ci.created_at, ci.user_id)`.as(
        'instructor_ids',
      ),
      sql<
        string[]
      >`array(select t.name from course_tags ct join tags t on t.id = ct.tag_id where ct.course_id = c.id order by lower(t.name))`.as(
        'tags',
      ),
    ]);
}

/** Courses the viewer works on: owner or co-instructor. */
function staffOf(userId: string): Expression<SqlBool> {
  return sql<SqlBool>`(c.owner_id = ${userId} or exists (select 1 from course_instructors ci where ci.course_id = c.id and ci.user_id = ${userId}))`;
}

export const courseRepo = {
  findById(db: Executor, id: string): Promise<CourseRecord | undefined> {
    return baseSelect(db).where('c.id', '=', id).executeTakeFirst() as Promise<CourseRecord | undefined>;
  },

  findBySlug(db: Executor, slug: string): Promise<CourseRecord | undefined> {
    return baseSelect(db).where('c.slug', '=', slug).executeTakeFirst() as Promise<CourseRecord | undefined>;
  },

  /** Published courses with weekly session slots (004's schedule), for session reminders. */
  listScheduled(db: Executor): Promise<{ id: string; title: string; schedule: string[] }[]> {
    return db
      .selectFrom('courses')
      .select(['id', 'title', 'schedule'])
      .where('status', '=', 'published')
      .where(sql<boolean>`jsonb_array_length(schedule) > 0`)
      .execute();
  },

  findSummary(db: Executor, id: string): Promise<CourseSummary | undefined> {
    return db
      .selectFrom('courses as c')
      .select([
        'c.id',
        'c.title',
        'c.slug',
        'c.status',
        'c.owner_id',
        'c.max_students',
        'c.enrolled_count',
        'c.price',
        'c.currency',
        'c.has_certificate',
        'c.category_id',
        sql<
          string[]
        >`array(select ci.user_id from course_instructors ci where ci.course_id = c.id order by ci.created_at, ci.user_id)`.as(
          'instructor_ids',
        ),
      ])
      .where('c.id', '=', id)
      .executeTakeFirst();
  },

  async slugTaken(db: Executor, slug: string): Promise<boolean> {
    const row = await db.selectFrom('courses').select('id').where('slug', '=', slug).executeTakeFirst();
    return row !== undefined;
  },

  /** Locks the course row for the rest of the transaction (content edits, status changes). */
  lock(db: Executor, id: string) {
    return db
      .selectFrom('courses')
      .select(['id', 'title', 'status', 'owner_id', 'enrolled_count', 'max_students'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  async isStaff(db: Executor, courseId: string, userId: string): Promise<boolean> {
    const row = await db
      .selectFrom('courses as c')
      .select('c.id')
      .where('c.id', '=', courseId)
      .where(staffOf(userId))
      .executeTakeFirst();
    return row !== undefined;
  },

  /** The ids of the courses the user owns or co-teaches, whatever their status. */
  async taughtCourseIds(db: Executor, userId: string): Promise<string[]> {
    const rows = await db.selectFrom('courses as c').select('c.id').where(staffOf(userId)).execute();
    return rows.map((row) => row.id);
  },

  insert(db: Executor, course: NewCourse): Promise<CourseFields> {
    return db.insertInto('courses').values(course).returning(COURSE_FIELDS).executeTakeFirstOrThrow();
  },

  /** Applies the changes (none: just moves updated_at); the course's own fields after them. */
  async update(db: Executor, id: string, changes: CourseChanges, now: Date): Promise<CourseFields> {
    return db
      .updateTable('courses')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .returning(COURSE_FIELDS)
      .executeTakeFirstOrThrow();
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('courses').where('id', '=', id).execute();
  },

  /** One seat, atomically: a single conditional UPDATE, so concurrent callers never overbook. */
  async reserveSeat(db: Executor, id: string): Promise<boolean> {
    const row = await db
      .updateTable('courses')
      .set((eb) => ({ enrolled_count: eb('enrolled_count', '+', 1) }))
      .where('id', '=', id)
      .where((eb) => eb.or([eb('max_students', 'is', null), eb('enrolled_count', '<', eb.ref('max_students'))]))
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },

  async releaseSeat(db: Executor, id: string): Promise<void> {
    await db
      .updateTable('courses')
      .set((eb) => ({ enrolled_count: eb('enrolled_count', '-', 1) }))
      .where('id', '=', id)
      .where('enrolled_count', '>', 0)
      .execute();
  },

  /** One page of the listing (owners' names included), its total and the cursor keys after it (course-listing.repo.ts). */
  list(
    db: Executor,
    viewer: ListViewer,
    filter: ListFilter,
    page: PageRequest,
    cursor?: CursorKeys,
  ): Promise<ListedPage<Course>> {
    return courseListingRepo.list<Course>(db, viewer, filter, page, cursor);
  },

  /**
   * Per user who owns or co-teaches a published course: how many, and their enrolled students.
   * `userId` narrows it to one user.
   */
  async publishedStaffStats(
    db: Executor,
    userId?: string,
  ): Promise<{ user_id: string; course_count: number; student_count: number }[]> {
    const { rows } = await sql<{ user_id: string; course_count: number; student_count: number }>`
      select s.user_id, count(*)::int as course_count, coalesce(sum(c.enrolled_count), 0)::int as student_count
      from courses c
      cross join lateral (
        select c.owner_id as user_id
        union
        select ci.user_id from course_instructors ci where ci.course_id = c.id
      ) s
      where c.status = 'published' ${userId ? sql`and s.user_id = ${userId}` : sql``}
      group by s.user_id`.execute(db);
    return rows;
  },

  async addInstructor(db: Executor, courseId: string, userId: string): Promise<void> {
    await db
      .insertInto('course_instructors')
      .values({ course_id: courseId, user_id: userId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  },

  async removeInstructor(db: Executor, courseId: string, userId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('course_instructors')
      .where('course_id', '=', courseId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};
