// Every SQL statement about courses, their co-instructors and their seats.
import './catalog.tables.ts';

import type { Expression, Insertable, RawBuilder, SelectQueryBuilder, SqlBool, Updateable } from 'kysely';
import { sql } from 'kysely';

import type { Database, Executor } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { CoursesTable, CourseStatus } from './catalog.tables.ts';
import type { Course, CourseLevel, CourseSort, CourseSummary } from './catalog.types.ts';

export type NewCourse = Insertable<CoursesTable>;

/** A course as stored; the owner's name comes from identity (see course.service.ts). */
export type CourseRecord = Omit<Course, 'owner_name'>;

export type CourseChanges = Omit<Updateable<CoursesTable>, 'id' | 'created_at' | 'search_vector' | 'enrolled_count'>;

/** The fields a course change reports (catalog.events.ts). */
const COURSE_FIELDS = ['id', 'owner_id', 'title', 'description', 'status'] as const;
export type CourseFields = Pick<Course, (typeof COURSE_FIELDS)[number]>;

/** Who is asking, for the listing's visibility rule. */
export interface ListViewer {
  id: string | null;
  isAdmin: boolean;
}

export interface ListFilter {
  categoryIds?: string[];
  level?: CourseLevel;
  instructorId?: string;
  status?: CourseStatus;
  mine?: boolean;
  tag?: string;
  search?: string;
  sort: CourseSort;
}

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

  /**
   * One page and the total, as two statements. The page picks its 20 ids first (on an index where
   * the filters allow) and only then reads names, tags and co-instructors for those 20 rows.
   */
  async list(db: Executor, viewer: ListViewer, filter: ListFilter, page: PageRequest): Promise<Paged<CourseRecord>> {
    const tsquery = filter.search ? sql`websearch_to_tsquery('english', ${filter.search})` : undefined;
    const rank =
      filter.sort === 'relevance' && tsquery ? sql<number>`ts_rank(c.search_vector, ${tsquery})` : sql<number>`0::real`;
    const ids = sorted(
      filtered(db.selectFrom('courses as c').select(['c.id', rank.as('rank')]), viewer, filter, tsquery),
      filter.sort,
      sql`rank`,
    )
      .limit(page.limit)
      .offset(page.offset);
    const rows = sorted(baseSelect(db).innerJoin(ids.as('p'), 'p.id', 'c.id'), filter.sort, sql`p.rank`);
    const count = filtered(
      db.selectFrom('courses as c').select((eb) => eb.fn.countAll<number>().as('n')),
      viewer,
      filter,
      tsquery,
    );
    const [items, total] = await Promise.all([rows.execute(), count.executeTakeFirstOrThrow()]);
    return { items: items as CourseRecord[], total: Number(total.n) };
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

/** The listing's WHERE: visibility first, then the caller's filters. */
function filtered<QB extends SelectQueryBuilder<Database & { c: CoursesTable }, 'c', object>>(
  query: QB,
  viewer: ListViewer,
  filter: ListFilter,
  tsquery: RawBuilder<unknown> | undefined,
): QB {
  let q = query as SelectQueryBuilder<Database & { c: CoursesTable }, 'c', object>;
  // Visibility: published for everyone; other statuses only for admins and the course's staff.
  if (!viewer.isAdmin) {
    q = viewer.id
      ? q.where((eb) => eb.or([eb('c.status', '=', 'published'), staffOf(viewer.id!)]))
      : q.where('c.status', '=', 'published');
  }
  if (filter.mine) q = viewer.id ? q.where(staffOf(viewer.id)) : q.where(sql<SqlBool>`false`);
  if (filter.status) q = q.where('c.status', '=', filter.status);
  if (filter.level) q = q.where('c.level', '=', filter.level);
  if (filter.categoryIds)
    q = q.where(
      filter.categoryIds.length
        ? sql<SqlBool>`c.category_id = any(${filter.categoryIds}::uuid[])`
        : sql<SqlBool>`false`,
    );
  if (filter.instructorId) q = q.where(staffOf(filter.instructorId));
  if (filter.tag) {
    const tag = filter.tag.toLowerCase();
    q = q.where(
      sql<SqlBool>`exists (select 1 from course_tags ct join tags t on t.id = ct.tag_id where ct.course_id = c.id and lower(t.name) = ${tag})`,
    );
  }
  if (tsquery) q = q.where(sql<SqlBool>`c.search_vector @@ ${tsquery}`);
  return q as QB;
}

/** The listing's order; `rank` is the relevance column when sorting by it. */
function sorted<QB extends SelectQueryBuilder<Database & { c: CoursesTable }, 'c', object>>(
  query: QB,
  sort: CourseSort,
  rank: RawBuilder<unknown>,
): QB {
  const q = query as SelectQueryBuilder<Database & { c: CoursesTable }, 'c', object>;
  switch (sort) {
    case 'title':
      return q.orderBy(sql`lower(c.title)`).orderBy('c.id') as QB;
    case 'price':
      return q.orderBy('c.price').orderBy('c.created_at', 'desc').orderBy('c.id') as QB;
    case 'price_desc':
      return q.orderBy('c.price', 'desc').orderBy('c.created_at', 'desc').orderBy('c.id') as QB;
    case 'oldest':
      return q.orderBy('c.created_at').orderBy('c.id') as QB;
    case 'relevance':
      return q.orderBy(rank, 'desc').orderBy('c.created_at', 'desc').orderBy('c.id') as QB;
    default:
      return q.orderBy('c.created_at', 'desc').orderBy('c.id') as QB;
  }
}
