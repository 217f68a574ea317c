// Every SQL statement about sections and lessons (their order included).
import './catalog.tables.ts';

import type { Expression, RawBuilder, SqlBool, Updateable } from 'kysely';
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { PageRequest } from '../../platform/paging.ts';
import type { LessonRow, LessonsTable, SectionRow } from './catalog.tables.ts';
import type { LessonSummary, Section } from './catalog.types.ts';

export type NewLesson = Omit<Partial<LessonRow>, 'id'> & {
  course_id: string;
  section_id: string;
  title: string;
  position: number;
};
export type LessonChanges = Omit<Updateable<LessonsTable>, 'id' | 'course_id' | 'created_at'>;

/**
 * The course of a lesson (null for no such lesson) as a scalar subquery another module's statement
 * embeds: a lesson completion checks its lesson inside its one statement.
 */
export function lessonCourseSql(lessonId: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`(select l.course_id from lessons l where l.id = ${lessonId})`;
}

/**
 * The published lessons of a course (`id`, `is_required`) as a subquery another module's statement
 * embeds: the same set as `lessonRepo.listIds` without its order (section_id is not null and
 * references sections, so its join drops no lesson).
 */
export function publishedLessonsSql(courseId: Expression<string>): RawBuilder<{ id: string; is_required: boolean }> {
  return sql`select l.id, l.is_required from lessons l where l.course_id = ${courseId} and l.status = 'published'`;
}

export const sectionRepo = {
  listByCourse(db: Executor, courseId: string): Promise<Section[]> {
    return db
      .selectFrom('sections as s')
      .selectAll('s')
      .select(sql<number>`(select count(*) from lessons l where l.section_id = s.id)::int`.as('lesson_count'))
      .where('s.course_id', '=', courseId)
      .orderBy('s.position')
      .orderBy('s.created_at')
      .execute();
  },

  findById(db: Executor, id: string): Promise<SectionRow | undefined> {
    return db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
  },

  first(db: Executor, courseId: string): Promise<SectionRow | undefined> {
    return db
      .selectFrom('sections')
      .selectAll()
      .where('course_id', '=', courseId)
      .orderBy('position')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
  },

  async nextPosition(db: Executor, courseId: string): Promise<number> {
    const row = await db
      .selectFrom('sections')
      .select(sql<number>`coalesce(max(position), 0)::int + 1`.as('next'))
      .where('course_id', '=', courseId)
      .executeTakeFirstOrThrow();
    return row.next;
  },

  insert(
    db: Executor,
    section: {
      course_id: string;
      title: string;
      description?: string;
      position: number;
      created_at: Date;
      updated_at: Date;
    },
  ): Promise<SectionRow> {
    return db.insertInto('sections').values(section).returningAll().executeTakeFirstOrThrow();
  },

  async update(db: Executor, id: string, changes: { title?: string; description?: string }, now: Date): Promise<void> {
    await db
      .updateTable('sections')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .execute();
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('sections').where('id', '=', id).execute();
  },

  /** Rewrites positions 1..n in the given order. */
  async setOrder(db: Executor, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await sql`update sections s set position = o.ord from unnest(${ids}::uuid[]) with ordinality as o(id, ord) where s.id = o.id`.execute(
      db,
    );
  },
};

export const lessonRepo = {
  /** The course's lessons in course order: sections by position, then lessons by position. */
  listByCourse(db: Executor, courseId: string, options: { publishedOnly?: boolean } = {}): Promise<LessonRow[]> {
    let query = db
      .selectFrom('lessons as l')
      .innerJoin('sections as s', 's.id', 'l.section_id')
      .selectAll('l')
      .where('l.course_id', '=', courseId);
    if (options.publishedOnly) query = query.where('l.status', '=', 'published');
    return query.orderBy('s.position').orderBy('s.created_at').orderBy('l.position').orderBy('l.created_at').execute();
  },

  /** The lessons of several courses (drafts included), each course's in course order. */
  listByCourses(db: Executor, courseIds: readonly string[]): Promise<LessonRow[]> {
    if (courseIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('lessons as l')
      .innerJoin('sections as s', 's.id', 'l.section_id')
      .selectAll('l')
      .where('l.course_id', 'in', courseIds)
      .orderBy('l.course_id')
      .orderBy('s.position')
      .orderBy('s.created_at')
      .orderBy('l.position')
      .orderBy('l.created_at')
      .execute();
  },

  /**
   * One page of every lesson the viewer may list: published lessons of published courses, and
   * every lesson of the courses the viewer teaches (all for an admin). Newest course first, each
   * course's lessons in course order; `order` is the place among the lessons the viewer sees.
   */
  async listVisible(db: Executor, viewer: { id: string | null; isAdmin: boolean }, page: PageRequest) {
    const teaches = viewer.isAdmin
      ? sql<SqlBool>`true`
      : viewer.id
        ? sql<SqlBool>`(c.owner_id = ${viewer.id} or exists (select 1 from course_instructors ci where ci.course_id = c.id and ci.user_id = ${viewer.id}))`
        : sql<SqlBool>`false`;
    const visible = sql<SqlBool>`(${teaches} or (c.status = 'published' and l.status = 'published'))`;
    const [page_, count] = await Promise.all([
      sql<
        LessonRow & {
          lesson_order: number;
          course_status: string;
          course_owner_id: string;
          course_instructor_ids: string[];
        }
      >`
        select l.*,
          row_number() over (partition by l.course_id order by s.position, s.created_at, l.position, l.created_at)::int as lesson_order,
          c.status as course_status, c.owner_id as course_owner_id,
          array(select ci.user_id from course_instructors ci where ci.course_id = c.id) as course_instructor_ids
        from lessons l join sections s on s.id = l.section_id join courses c on c.id = l.course_id
        where ${visible}
        order by c.created_at desc, c.id, lesson_order
        limit ${page.limit} offset ${page.offset}`.execute(db),
      sql<{ total: number }>`
        select count(*)::int as total from lessons l join courses c on c.id = l.course_id where ${visible}`.execute(db),
    ]);
    return {
      items: page_.rows.map(({ lesson_order, course_status, course_owner_id, course_instructor_ids, ...row }) => ({
        row: row as LessonRow,
        order: lesson_order,
        course: {
          id: row.course_id,
          status: course_status,
          owner_id: course_owner_id,
          instructor_ids: course_instructor_ids,
        },
      })),
      total: count.rows[0]?.total ?? 0,
    };
  },

  listBySection(db: Executor, sectionId: string): Promise<LessonRow[]> {
    return db
      .selectFrom('lessons')
      .selectAll()
      .where('section_id', '=', sectionId)
      .orderBy('position')
      .orderBy('created_at')
      .execute();
  },

  findById(db: Executor, id: string): Promise<LessonRow | undefined> {
    return db.selectFrom('lessons').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findSummary(db: Executor, id: string): Promise<LessonSummary | undefined> {
    return db
      .selectFrom('lessons')
      .select(['id', 'course_id', 'section_id', 'title', 'type', 'duration_seconds', 'is_free_preview', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  listIds(db: Executor, courseId: string): Promise<{ id: string; is_required: boolean }[]> {
    return db
      .selectFrom('lessons as l')
      .innerJoin('sections as s', 's.id', 'l.section_id')
      .select(['l.id', 'l.is_required'])
      .where('l.course_id', '=', courseId)
      .where('l.status', '=', 'published')
      .orderBy('s.position')
      .orderBy('s.created_at')
      .orderBy('l.position')
      .orderBy('l.created_at')
      .execute();
  },

  async count(db: Executor, courseId: string, publishedOnly: boolean): Promise<number> {
    let query = db
      .selectFrom('lessons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('course_id', '=', courseId);
    if (publishedOnly) query = query.where('status', '=', 'published');
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  },

  insert(db: Executor, lesson: NewLesson): Promise<LessonRow> {
    return db.insertInto('lessons').values(lesson).returningAll().executeTakeFirstOrThrow();
  },

  async update(db: Executor, id: string, changes: LessonChanges, now: Date): Promise<void> {
    await db
      .updateTable('lessons')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .execute();
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('lessons').where('id', '=', id).execute();
  },

  /** Puts the lessons in `sectionId` at positions 1..n in the given order. */
  async setOrder(db: Executor, sectionId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await sql`update lessons l set position = o.ord, section_id = ${sectionId} from unnest(${ids}::uuid[]) with ordinality as o(id, ord) where l.id = o.id`.execute(
      db,
    );
  },
};
