// Course use cases: listing and reading with visibility rules, writing by staff, the status
// workflow draft → review → published → archived, and co-instructors.
import type { Actor } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation, mapDbError } from '../../platform/db/errors.ts';
import type { DatabaseHandle, Executor, Tx } from '../../platform/db/index.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import type { PageRequest } from '../../platform/paging.ts';
import {
  capacityBelowEnrolled,
  categoryNotFound,
  courseHasEnrollments,
  courseNotFound,
  duplicateCode,
  duplicateSlug,
  invalidTransition,
  notAnInstructor,
  notCourseStaff,
  notPublishable,
} from './catalog.errors.ts';
import type { CourseChanged } from './catalog.events.ts';
import {
  canAddInstructor,
  canChangeOwner,
  canCreateCourse,
  canCreateCourseFor,
  canManageCourse,
  canRemoveInstructor,
  canSeeCourse,
  canTeach,
} from './catalog.policy.ts';
import type { CatalogPorts } from './catalog.ports.ts';
import type {
  Course,
  CourseDetail,
  CourseInput,
  CourseListQuery,
  CoursePage,
  CourseStatus,
  CreateCourseInput,
} from './catalog.types.ts';
import { lessonRepo, sectionRepo } from './content.repo.ts';
import type { CourseChanges, CourseFields, CourseRecord } from './course.repo.ts';
import { courseRepo } from './course.repo.ts';
import type { CourseAccess } from './course-access.ts';
import { decodeCursor, encodeCursor } from './course-cursor.ts';
import { courseColumns } from './course-input.ts';
import { toLesson } from './lesson-view.ts';
import { isUuid, slugify, slugVariant } from './slug.ts';
import { categoryRepo, tagRepo } from './taxonomy.repo.ts';

export interface CourseDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
  access: CourseAccess;
  identity: CatalogPorts['identity'];
}

/** Allowed status changes; publishing straight from draft is 001's publish action. */
const TRANSITIONS: Record<CourseStatus, readonly CourseStatus[]> = {
  draft: ['review', 'published'],
  review: ['draft', 'published'],
  published: ['archived', 'draft'],
  archived: ['draft', 'published'],
};

export function createCourseService({ database, clock, events, access, identity }: CourseDeps) {
  const { db } = database;

  /** Courses as surfaces show them: with the owner's name, looked up in identity in one call. */
  async function withOwnerNames(records: CourseRecord[]): Promise<Course[]> {
    if (records.length === 0) return [];
    const owners = await identity.getUserSummaries(records.map((r) => r.owner_id));
    const names = new Map(owners.map((o) => [o.id, o.full_name]));
    return records.map((record) => ({ ...record, owner_name: names.get(record.owner_id) ?? '' }));
  }

  async function present(courseId: string): Promise<Course> {
    const [course] = await withOwnerNames([(await courseRepo.findById(db, courseId))!]);
    return course!;
  }

  /** Admins and active instructors may own or co-teach a course. */
  async function assertInstructor(tx: Tx, userId: string, field = 'user_id'): Promise<void> {
    const [user] = await identity.getUserSummaries([userId], tx);
    if (!user || !canTeach(user)) throw notAnInstructor(userId, field);
  }

  /**
   * Hands the locked course over to `ownerId` inside the caller's transaction: an admin's act;
   * the new owner must be an active instructor; the previous owner leaves the staff. Subscribers
   * (chat rooms) follow the `catalog.course.updated` published after it.
   */
  async function handOver(tx: Tx, actor: Actor, course: { id: string; owner_id: string }, ownerId: string) {
    if (ownerId === course.owner_id) return;
    if (!canChangeOwner(actor)) throw forbidden('Only an admin may change the instructor of a course');
    await assertInstructor(tx, ownerId, 'owner_id');
    await courseRepo.removeInstructor(tx, course.id, ownerId);
    await courseRepo.update(tx, course.id, { owner_id: ownerId }, clock.now());
    await events.publish(tx, 'catalog.course.owner_changed', {
      course_id: course.id,
      previous_owner_id: course.owner_id,
      owner_id: ownerId,
      changed_by: actor.id,
    });
  }

  async function findVisible(actor: Actor | null, ref: string, executor: Executor = db): Promise<CourseRecord> {
    const course = isUuid(ref)
      ? await courseRepo.findById(executor, ref)
      : await courseRepo.findBySlug(executor, ref.toLowerCase());
    if (!course || !canSeeCourse(actor, course)) throw courseNotFound(ref);
    return course;
  }

  async function resolveCategory(
    tx: Tx,
    ref: string | null | undefined,
    createMissing: boolean,
  ): Promise<string | null | undefined> {
    if (ref === undefined) return undefined;
    if (ref === null || ref.trim() === '') return null;
    const found = await categoryRepo.resolve(tx, ref.trim());
    if (found) return found.id;
    // 001's clients send a free-text category name: it becomes a top-level category.
    if (!createMissing || isUuid(ref)) throw categoryNotFound(ref);
    const created = await categoryRepo.insert(tx, {
      name: ref.trim(),
      slug: await freeCategorySlug(tx, ref),
      parent_id: null,
    });
    return created.id;
  }

  async function setTags(tx: Tx, courseId: string, names: string[] | undefined): Promise<void> {
    if (names === undefined) return;
    const clean = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
    await tagRepo.detachAll(tx, courseId);
    const tags = await tagRepo.ensure(tx, clean);
    await tagRepo.attach(
      tx,
      courseId,
      tags.map((t) => t.id),
    );
  }

  async function assertPublishable(tx: Tx, courseId: string): Promise<void> {
    const lessons = await lessonRepo.count(tx, courseId, true);
    if (lessons === 0) throw notPublishable('A course needs at least one published lesson before it can be published');
  }

  /**
   * A status change. The explicit publish action (001's publish and status endpoints) checks the
   * course has a published lesson; a `status` field written with the course (002, 003, 004 let
   * clients create or set a course published directly) is authoritative and publishes at once.
   */
  async function transition(
    tx: Tx,
    courseId: string,
    from: CourseStatus,
    to: CourseStatus,
    rule: { requireLesson: boolean },
  ): Promise<CourseChanges> {
    if (from === to) return {};
    if (!TRANSITIONS[from].includes(to)) throw invalidTransition(from, to);
    if (to === 'published') {
      if (rule.requireLesson) await assertPublishable(tx, courseId);
      return { status: to, published_at: clock.now() };
    }
    return { status: to };
  }

  /** Unique-violation messages name what collided. */
  function translate(error: unknown, input: { slug?: string; code?: string | null }): unknown {
    if (isUniqueViolation(error, 'courses_slug_key')) return duplicateSlug(input.slug ?? '');
    if (isUniqueViolation(error, 'courses_code_unique')) return duplicateCode(input.code ?? '');
    return mapDbError(error);
  }

  return {
    findVisible,
    withOwnerNames,

    async list(actor: Actor | null, query: CourseListQuery, page: PageRequest): Promise<CoursePage> {
      let categoryIds: string[] | undefined;
      if (query.category) {
        const category = await categoryRepo.resolve(db, query.category);
        categoryIds = category ? await categoryRepo.subtreeIds(db, category.id) : [];
      }
      const search = query.search?.trim() || undefined;
      const sort = query.sort ?? (search ? 'relevance' : 'newest');
      // Relevance needs search terms to rank by; without them it lists newest first, as before.
      const listedSort = sort === 'relevance' && !search ? 'newest' : sort;
      const cursor = query.cursor ? decodeCursor(listedSort, query.cursor) : undefined;
      const listed = await courseRepo.list(
        db,
        { id: actor?.id ?? null, isAdmin: isAdmin(actor) },
        {
          ...(categoryIds ? { categoryIds } : {}),
          ...(query.level ? { level: query.level } : {}),
          ...(query.instructorId ? { instructorId: query.instructorId } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.mine ? { mine: true } : {}),
          ...(query.tag ? { tag: query.tag } : {}),
          ...(search ? { search } : {}),
          sort: listedSort,
        },
        cursor ? { limit: page.limit, offset: 0 } : page,
        cursor,
      );
      return {
        items: listed.items,
        total: listed.total,
        nextCursor: listed.next ? encodeCursor(listedSort, listed.next) : null,
      };
    },

    /** The course with its sections and lessons; lesson content only where the caller may read it. */
    async get(actor: Actor | null, ref: string): Promise<CourseDetail> {
      const record = await findVisible(actor, ref);
      const staff = canManageCourse(actor, record);
      const [[course], sections, rows] = await Promise.all([
        withOwnerNames([record]),
        sectionRepo.listByCourse(db, record.id),
        lessonRepo.listByCourse(db, record.id, { publishedOnly: !staff }),
      ]);
      const lessons = [];
      for (const [index, row] of rows.entries())
        lessons.push(toLesson(row, index + 1, await access.canReadContent(actor, record, row)));
      return { ...course!, sections, lessons };
    },

    async create(actor: Actor, input: CreateCourseInput): Promise<Course> {
      if (!canCreateCourse(actor)) throw forbidden('Only instructors can create courses');
      const ownerId = input.owner_id && input.owner_id !== actor.id ? input.owner_id : actor.id;
      if (!canCreateCourseFor(actor, ownerId))
        throw forbidden('Only admins can create a course for another instructor');
      const columns = courseColumns(input);
      const status = input.status ?? 'draft';
      if (status === 'archived') throw invalid('A new course starts as draft, review or published', 'status');
      const base = input.slug ? slugify(input.slug) : slugify(input.title);
      const explicit = input.slug !== undefined;
      let id: string | undefined;
      // Two courses created at once with one title race for its slug: the loser retries with a variant.
      for (let attempt = 0; id === undefined; attempt++) {
        try {
          id = await database.transaction(async (tx) => {
            if (ownerId !== actor.id) await assertInstructor(tx, ownerId, 'owner_id');
            const category_id = (await resolveCategory(tx, input.category, true)) ?? null;
            const slug = attempt === 0 ? await freeCourseSlug(tx, base, explicit) : slugVariant(base);
            const course = await courseRepo.insert(tx, {
              ...columns,
              title: columns.title ?? input.title,
              owner_id: ownerId,
              category_id,
              status,
              ...(status === 'published' ? { published_at: clock.now() } : {}),
              slug,
              created_at: clock.now(),
              updated_at: clock.now(),
            });
            await setTags(tx, course.id, input.tags);
            await events.publish(tx, 'catalog.course.created', changed(course));
            return course.id;
          });
        } catch (error) {
          if (!explicit && attempt < 3 && isUniqueViolation(error, 'courses_slug_key')) continue;
          throw translate(error, { slug: base, code: columns.code ?? null });
        }
      }
      return present(id!);
    },

    async update(actor: Actor, courseId: string, input: CourseInput): Promise<Course> {
      const columns = courseColumns(input);
      const slug = input.slug !== undefined ? slugify(input.slug) : undefined;
      await database
        .transaction(async (tx) => {
          const locked = await courseRepo.lock(tx, courseId);
          if (!locked) throw courseNotFound(courseId);
          await access.assertStaff(tx, actor, courseId);
          if (input.owner_id !== undefined) await handOver(tx, actor, locked, input.owner_id);
          if (columns.max_students != null && columns.max_students < locked.enrolled_count)
            throw capacityBelowEnrolled(locked.enrolled_count);
          const category_id = await resolveCategory(tx, input.category, true);
          const statusChanges = input.status
            ? await transition(tx, courseId, locked.status, input.status, { requireLesson: false })
            : {};
          const changes: CourseChanges = {
            ...columns,
            ...statusChanges,
            ...(category_id !== undefined ? { category_id } : {}),
            ...(slug ? { slug } : {}),
          };
          const course = await courseRepo.update(tx, courseId, changes, clock.now());
          await setTags(tx, courseId, input.tags);
          await events.publish(tx, 'catalog.course.updated', changed(course));
        })
        .catch((error: unknown) => {
          throw translate(error, { ...(slug ? { slug } : {}), code: columns.code ?? null });
        });
      return present(courseId);
    },

    /** Moves the course along draft → review → published → archived (and back to draft). */
    async changeStatus(actor: Actor, courseId: string, to: CourseStatus): Promise<Course> {
      await database.transaction(async (tx) => {
        const locked = await courseRepo.lock(tx, courseId);
        if (!locked) throw courseNotFound(courseId);
        await access.assertStaff(tx, actor, courseId);
        const changes = await transition(tx, courseId, locked.status, to, { requireLesson: true });
        if (!changes.status) return;
        const course = await courseRepo.update(tx, courseId, changes, clock.now());
        await events.publish(tx, 'catalog.course.updated', changed(course));
      });
      return present(courseId);
    },

    /** Deletes a course and its content; one with enrolled students must be archived instead. */
    async remove(actor: Actor, courseId: string): Promise<void> {
      await database.transaction(async (tx) => {
        const locked = await courseRepo.lock(tx, courseId);
        if (!locked) throw courseNotFound(courseId);
        await access.assertStaff(tx, actor, courseId);
        if (locked.enrolled_count > 0) throw courseHasEnrollments();
        await courseRepo.delete(tx, courseId);
        await events.publish(tx, 'catalog.course.deleted', {
          course_id: locked.id,
          owner_id: locked.owner_id,
          title: locked.title,
        });
      });
    },

    async addInstructor(actor: Actor, courseId: string, userId: string): Promise<Course> {
      await database.transaction(async (tx) => {
        const locked = await courseRepo.lock(tx, courseId);
        if (!locked) throw courseNotFound(courseId);
        if (!canAddInstructor(actor, locked)) throw notCourseStaff();
        await assertInstructor(tx, userId);
        if (userId !== locked.owner_id) await courseRepo.addInstructor(tx, courseId, userId);
        await courseRepo.update(tx, courseId, {}, clock.now());
        await events.publish(tx, 'catalog.course.staff_changed', {
          course_id: courseId,
          user_id: userId,
          change: 'added',
        });
      });
      return present(courseId);
    },

    async removeInstructor(actor: Actor, courseId: string, userId: string): Promise<Course> {
      await database.transaction(async (tx) => {
        const locked = await courseRepo.lock(tx, courseId);
        if (!locked) throw courseNotFound(courseId);
        if (!canRemoveInstructor(actor, locked, userId)) throw notCourseStaff();
        if (!(await courseRepo.removeInstructor(tx, courseId, userId))) throw notFound('Co-instructor', userId);
        await courseRepo.update(tx, courseId, {}, clock.now());
        await events.publish(tx, 'catalog.course.staff_changed', {
          course_id: courseId,
          user_id: userId,
          change: 'removed',
        });
      });
      return present(courseId);
    },
  };
}

/** A course change as catalog.events.ts reports it. */
function changed(course: CourseFields): CourseChanged {
  return {
    course_id: course.id,
    owner_id: course.owner_id,
    title: course.title,
    description: course.description,
    status: course.status,
  };
}

/** The title's slug, or a random variant when taken; an explicit slug must be free as given. */
async function freeCourseSlug(tx: Tx, base: string, explicit: boolean): Promise<string> {
  if (!(await courseRepo.slugTaken(tx, base))) return base;
  if (explicit) throw duplicateSlug(base);
  return slugVariant(base);
}

async function freeCategorySlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name);
  return (await categoryRepo.slugTaken(tx, base)) ? slugVariant(base) : base;
}

export type CourseService = ReturnType<typeof createCourseService>;
