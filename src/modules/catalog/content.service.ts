// Sections and lessons: ordered, reorderable, movable between sections; content gated by policy.
import type { Actor } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import { contentLocked, courseNotFound, lessonNotFound, sectionNotFound } from './catalog.errors.ts';
import { canManageCourse, canSeeCourse } from './catalog.policy.ts';
import type { LessonRow } from './catalog.tables.ts';
import type {
  CourseListQuery,
  CourseWithLessons,
  CreateLessonInput,
  Lesson,
  LessonInput,
  Section,
} from './catalog.types.ts';
import { LESSON_TYPES } from './catalog.types.ts';
import type { LessonChanges } from './content.repo.ts';
import { lessonRepo, sectionRepo } from './content.repo.ts';
import { courseRepo } from './course.repo.ts';
import type { CourseService } from './course.service.ts';
import type { CourseAccess } from './course-access.ts';
import { toLesson } from './lesson-view.ts';

export interface ContentDeps {
  database: DatabaseHandle;
  clock: Clock;
  access: CourseAccess;
  courses: Pick<CourseService, 'findVisible' | 'list'>;
}

/** Title of the section made on demand for contracts without sections (000, 001). */
const DEFAULT_SECTION_TITLE = 'Course content';

export function createContentService({ database, clock, access, courses }: ContentDeps) {
  const { db } = database;

  /** Locks the course (positions change under this lock only) and checks the actor is staff. */
  async function lockAsStaff(tx: Tx, actor: Actor, courseId: string): Promise<void> {
    if (!(await courseRepo.lock(tx, courseId))) throw courseNotFound(courseId);
    await access.assertStaff(tx, actor, courseId);
  }

  async function sectionForWrite(tx: Tx, actor: Actor, sectionId: string) {
    const section = await sectionRepo.findById(tx, sectionId);
    if (!section) throw sectionNotFound(sectionId);
    await lockAsStaff(tx, actor, section.course_id);
    return section;
  }

  async function lessonForWrite(tx: Tx, actor: Actor, lessonId: string): Promise<LessonRow> {
    const lesson = await lessonRepo.findById(tx, lessonId);
    if (!lesson) throw lessonNotFound(lessonId);
    await lockAsStaff(tx, actor, lesson.course_id);
    return lesson;
  }

  async function firstSection(tx: Tx, courseId: string) {
    return (
      (await sectionRepo.first(tx, courseId)) ??
      sectionRepo.insert(tx, {
        course_id: courseId,
        title: DEFAULT_SECTION_TITLE,
        position: 1,
        created_at: clock.now(),
        updated_at: clock.now(),
      })
    );
  }

  /** Inserts `id` into the section's order at a 1-based position (appended when omitted). */
  async function placeInSection(tx: Tx, sectionId: string, id: string, position: number | undefined): Promise<void> {
    const ids = (await lessonRepo.listBySection(tx, sectionId)).map((l) => l.id).filter((other) => other !== id);
    const at = position === undefined ? ids.length : Math.min(Math.max(position, 1), ids.length + 1) - 1;
    ids.splice(at, 0, id);
    await lessonRepo.setOrder(tx, sectionId, ids);
  }

  async function renumberSection(tx: Tx, sectionId: string): Promise<void> {
    await lessonRepo.setOrder(
      tx,
      sectionId,
      (await lessonRepo.listBySection(tx, sectionId)).map((l) => l.id),
    );
  }

  async function viewOf(actor: Actor | null, row: LessonRow): Promise<Lesson> {
    const course = await courses.findVisible(actor, row.course_id);
    const staff = canManageCourse(actor, course);
    if (!staff && row.status !== 'published') throw lessonNotFound(row.id);
    const ordered = await lessonRepo.listByCourse(db, row.course_id, { publishedOnly: !staff });
    const order = ordered.findIndex((l) => l.id === row.id) + 1;
    return toLesson(row, order, await access.canReadContent(actor, course, row));
  }

  async function readLesson(actor: Actor | null, lessonId: string): Promise<Lesson> {
    const row = await lessonRepo.findById(db, lessonId);
    if (!row) throw lessonNotFound(lessonId);
    const lesson = await viewOf(actor, row);
    if (!lesson.accessible) throw contentLocked();
    return lesson;
  }

  async function getSection(actor: Actor | null, sectionId: string): Promise<Section> {
    const row = await sectionRepo.findById(db, sectionId);
    if (!row) throw sectionNotFound(sectionId);
    await courses.findVisible(actor, row.course_id);
    return (await sectionRepo.listByCourse(db, row.course_id)).find((s) => s.id === sectionId)!;
  }

  async function createLesson(actor: Actor, courseId: string, input: CreateLessonInput): Promise<Lesson> {
    const values = lessonColumns(input);
    const id = await database.transaction(async (tx) => {
      await lockAsStaff(tx, actor, courseId);
      let sectionId = input.section_id;
      if (sectionId) {
        const section = await sectionRepo.findById(tx, sectionId);
        if (!section || section.course_id !== courseId) throw sectionNotFound(sectionId);
      } else {
        sectionId = (await firstSection(tx, courseId)).id;
      }
      const count = (await lessonRepo.listBySection(tx, sectionId)).length;
      const row = await lessonRepo.insert(tx, {
        ...values,
        title: input.title.trim(),
        status: input.status ?? 'published',
        course_id: courseId,
        section_id: sectionId,
        position: count + 1,
        created_at: clock.now(),
        updated_at: clock.now(),
      });
      if (input.position !== undefined) await placeInSection(tx, sectionId, row.id, input.position);
      await courseRepo.update(tx, courseId, {}, clock.now());
      return row.id;
    });
    return readLesson(actor, id);
  }

  return {
    getSection,

    /**
     * Whether the actor may read the lesson's content (what getLesson would return). False for a
     * missing or hidden lesson and a locked one; any other failure propagates.
     */
    async canReadLesson(actor: Actor | null, lessonId: string): Promise<boolean> {
      const row = await lessonRepo.findById(db, lessonId);
      const course = row && (await courseRepo.findSummary(db, row.course_id));
      if (!row || !course || !canSeeCourse(actor, course)) return false;
      if (row.status !== 'published' && !canManageCourse(actor, course)) return false;
      return access.canReadContent(actor, course, row);
    },

    async listSections(actor: Actor | null, courseId: string): Promise<Section[]> {
      const course = await courses.findVisible(actor, courseId);
      return sectionRepo.listByCourse(db, course.id);
    },

    async createSection(
      actor: Actor,
      courseId: string,
      input: { title: string; description?: string; position?: number },
    ): Promise<Section> {
      const id = await database.transaction(async (tx) => {
        await lockAsStaff(tx, actor, courseId);
        const existing = (await sectionRepo.listByCourse(tx, courseId)).map((s) => s.id);
        const section = await sectionRepo.insert(tx, {
          course_id: courseId,
          title: input.title.trim(),
          description: input.description ?? '',
          position: existing.length + 1,
          created_at: clock.now(),
          updated_at: clock.now(),
        });
        const at =
          input.position === undefined
            ? existing.length
            : Math.min(Math.max(input.position, 1), existing.length + 1) - 1;
        existing.splice(at, 0, section.id);
        await sectionRepo.setOrder(tx, existing);
        return section.id;
      });
      return getSection(actor, id);
    },

    async updateSection(
      actor: Actor,
      sectionId: string,
      input: { title?: string; description?: string; position?: number },
    ): Promise<Section> {
      await database.transaction(async (tx) => {
        const section = await sectionForWrite(tx, actor, sectionId);
        await sectionRepo.update(
          tx,
          sectionId,
          {
            ...(input.title !== undefined ? { title: input.title.trim() } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
          },
          clock.now(),
        );
        if (input.position !== undefined) {
          const ids = (await sectionRepo.listByCourse(tx, section.course_id))
            .map((s) => s.id)
            .filter((id) => id !== sectionId);
          ids.splice(Math.min(Math.max(input.position, 1), ids.length + 1) - 1, 0, sectionId);
          await sectionRepo.setOrder(tx, ids);
        }
      });
      return getSection(actor, sectionId);
    },

    /** Deletes the section with its lessons. */
    async deleteSection(actor: Actor, sectionId: string): Promise<void> {
      await database.transaction(async (tx) => {
        const section = await sectionForWrite(tx, actor, sectionId);
        await sectionRepo.delete(tx, sectionId);
        await sectionRepo.setOrder(
          tx,
          (await sectionRepo.listByCourse(tx, section.course_id)).map((s) => s.id),
        );
      });
    },

    async reorderSections(actor: Actor, courseId: string, sectionIds: string[]): Promise<Section[]> {
      await database.transaction(async (tx) => {
        await lockAsStaff(tx, actor, courseId);
        const current = (await sectionRepo.listByCourse(tx, courseId)).map((s) => s.id);
        assertPermutation(current, sectionIds, 'section_ids');
        await sectionRepo.setOrder(tx, sectionIds);
      });
      return sectionRepo.listByCourse(db, courseId);
    },

    /** The course's lessons in order; outline only (no content) where the caller may not read it. */
    async listLessons(actor: Actor | null, courseId: string, page: PageRequest): Promise<Paged<Lesson>> {
      const course = await courses.findVisible(actor, courseId);
      const staff = canManageCourse(actor, course);
      const rows = await lessonRepo.listByCourse(db, course.id, { publishedOnly: !staff });
      const start = page.offset;
      const items: Lesson[] = [];
      for (const [index, row] of rows.slice(start, start + page.limit).entries()) {
        items.push(toLesson(row, start + index + 1, await access.canReadContent(actor, course, row)));
      }
      return { items, total: rows.length };
    },

    /**
     * A page of courses, each with its lessons (published ones, unless the caller teaches the
     * course): one query for the page's lessons and one for the caller's enrolments.
     */
    async listCoursesWithLessons(
      actor: Actor | null,
      query: CourseListQuery,
      page: PageRequest,
    ): Promise<Paged<CourseWithLessons>> {
      const listed = await courses.list(actor, query, page);
      const [rows, canRead] = await Promise.all([
        lessonRepo.listByCourses(
          db,
          listed.items.map((course) => course.id),
        ),
        access.contentReader(actor, listed.items),
      ]);
      const items = listed.items.map((course) => {
        const staff = canManageCourse(actor, course);
        const visible = rows.filter((row) => row.course_id === course.id && (staff || row.status === 'published'));
        return { ...course, lessons: visible.map((row, index) => toLesson(row, index + 1, canRead(course, row))) };
      });
      return { items, total: listed.total };
    },

    /** Every lesson the caller may list, across courses (000's lessons without a course), paged in SQL. */
    async listVisibleLessons(actor: Actor | null, page: PageRequest): Promise<Paged<Lesson>> {
      const listed = await lessonRepo.listVisible(db, { id: actor?.id ?? null, isAdmin: isAdmin(actor) }, page);
      const courseFacts = [...new Map(listed.items.map((item) => [item.course.id, item.course])).values()];
      const canRead = await access.contentReader(actor, courseFacts);
      return {
        items: listed.items.map(({ row, order, course }) => toLesson(row, order, canRead(course, row))),
        total: listed.total,
      };
    },

    async listSectionLessons(actor: Actor | null, sectionId: string): Promise<Lesson[]> {
      const section = await sectionRepo.findById(db, sectionId);
      if (!section) throw sectionNotFound(sectionId);
      const course = await courses.findVisible(actor, section.course_id);
      const staff = canManageCourse(actor, course);
      const ordered = await lessonRepo.listByCourse(db, course.id, { publishedOnly: !staff });
      const out: Lesson[] = [];
      for (const [index, row] of ordered.entries()) {
        if (row.section_id === sectionId)
          out.push(toLesson(row, index + 1, await access.canReadContent(actor, course, row)));
      }
      return out;
    },

    /** One lesson with its content: staff, enrolled students, or anyone for a free preview. */
    getLesson: readLesson,

    createLesson,

    /** A lesson in the given section (003's materials), appended unless a position is given. */
    async createSectionLesson(
      actor: Actor,
      sectionId: string,
      input: Omit<CreateLessonInput, 'section_id'>,
    ): Promise<Lesson> {
      const section = await sectionRepo.findById(db, sectionId);
      if (!section) throw sectionNotFound(sectionId);
      return createLesson(actor, section.course_id, { ...input, section_id: sectionId });
    },

    async updateLesson(actor: Actor, lessonId: string, input: LessonInput): Promise<Lesson> {
      const changes = lessonColumns(input);
      await database.transaction(async (tx) => {
        const lesson = await lessonForWrite(tx, actor, lessonId);
        await lessonRepo.update(tx, lessonId, changes, clock.now());
        await courseRepo.update(tx, lesson.course_id, {}, clock.now());
      });
      return readLesson(actor, lessonId);
    },

    async deleteLesson(actor: Actor, lessonId: string): Promise<void> {
      await database.transaction(async (tx) => {
        const lesson = await lessonForWrite(tx, actor, lessonId);
        await lessonRepo.delete(tx, lessonId);
        await renumberSection(tx, lesson.section_id);
        await courseRepo.update(tx, lesson.course_id, {}, clock.now());
      });
    },

    /**
     * 001's reorder: `lessonIds` lists every lesson of the course (or of `sectionId` when given)
     * in the new order; each lesson keeps its section.
     */
    async reorderLessons(
      actor: Actor,
      input: { courseId: string; lessonIds: string[]; sectionId?: string },
    ): Promise<Lesson[]> {
      await database.transaction(async (tx) => {
        await lockAsStaff(tx, actor, input.courseId);
        const lessons = input.sectionId
          ? await lessonRepo.listBySection(tx, input.sectionId)
          : await lessonRepo.listByCourse(tx, input.courseId);
        if (input.sectionId && lessons.some((l) => l.course_id !== input.courseId))
          throw sectionNotFound(input.sectionId);
        if (input.sectionId && !(await sectionRepo.findById(tx, input.sectionId)))
          throw sectionNotFound(input.sectionId);
        assertPermutation(
          lessons.map((l) => l.id),
          input.lessonIds,
          'lesson_ids',
        );
        const sectionOf = new Map(lessons.map((l) => [l.id, l.section_id]));
        const bySection = new Map<string, string[]>();
        for (const id of input.lessonIds) {
          const section = sectionOf.get(id)!;
          bySection.set(section, [...(bySection.get(section) ?? []), id]);
        }
        for (const [section, ids] of bySection) await lessonRepo.setOrder(tx, section, ids);
        await courseRepo.update(tx, input.courseId, {}, clock.now());
      });
      const ordered = await lessonRepo.listByCourse(db, input.courseId);
      return ordered.map((row, index) => toLesson(row, index + 1, true));
    },

    /** Moves a lesson to another section of the same course, at a 1-based position (appended when omitted). */
    async moveLesson(actor: Actor, lessonId: string, input: { sectionId: string; position?: number }): Promise<Lesson> {
      await database.transaction(async (tx) => {
        const lesson = await lessonForWrite(tx, actor, lessonId);
        const target = await sectionRepo.findById(tx, input.sectionId);
        if (!target || target.course_id !== lesson.course_id) throw sectionNotFound(input.sectionId);
        await placeInSection(tx, target.id, lessonId, input.position);
        if (target.id !== lesson.section_id) await renumberSection(tx, lesson.section_id);
        await courseRepo.update(tx, lesson.course_id, {}, clock.now());
      });
      return readLesson(actor, lessonId);
    },
  };
}

function assertPermutation(current: string[], given: string[], field: string): void {
  const same =
    current.length === given.length &&
    new Set(given).size === given.length &&
    given.every((id) => current.includes(id));
  if (!same) throw invalid(`${field} must list every item exactly once`, field);
}

function lessonColumns(input: LessonInput): LessonChanges {
  const out: LessonChanges = {};
  if (input.title !== undefined) {
    if (!input.title.trim()) throw invalid('Title must not be empty', 'title');
    out.title = input.title.trim();
  }
  if (input.description !== undefined) out.description = input.description;
  if (input.type !== undefined) {
    if (!LESSON_TYPES.includes(input.type)) throw invalid(`Type must be one of ${LESSON_TYPES.join(', ')}`, 'type');
    out.type = input.type;
  }
  if (input.content !== undefined) out.content = input.content;
  if (input.video_url !== undefined) out.video_url = input.video_url;
  if (input.video_provider !== undefined) out.video_provider = input.video_provider;
  if (input.vimeo_id !== undefined) out.vimeo_id = input.vimeo_id;
  if (input.duration_seconds !== undefined) {
    if (!Number.isInteger(input.duration_seconds) || input.duration_seconds < 0)
      throw invalid('Duration must be a non-negative number of seconds', 'duration_seconds');
    out.duration_seconds = input.duration_seconds;
  }
  if (input.status !== undefined) out.status = input.status;
  if (input.is_free_preview !== undefined) out.is_free_preview = input.is_free_preview;
  if (input.is_required !== undefined) out.is_required = input.is_required;
  return out;
}

export type ContentService = ReturnType<typeof createContentService>;
