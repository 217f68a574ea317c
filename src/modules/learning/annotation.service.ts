// Bookmarks and notes: strictly private to the student who made them (not even staff or admins
// read them); anyone else gets "not found".
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { AnnotationKind } from './annotation.repo.ts';
import { annotationRepo } from './annotation.repo.ts';
import { enrollmentRepo } from './enrollment.repo.ts';
import { enrollmentNotActive, lessonNotInCourse } from './learning.errors.ts';
import type { CatalogPort } from './learning.ports.ts';
import type { Bookmark, Enrollment, Note } from './learning.types.ts';

export interface AnnotationDeps {
  database: DatabaseHandle;
  clock: Clock;
  catalog: Pick<CatalogPort, 'getLessonSummary'>;
}

export interface AnnotationInput {
  /** Omitted by surfaces that address lessons alone (002's /lectures/{id}/bookmarks). */
  enrollmentId?: string | undefined;
  lessonId: string;
  timestamp_seconds?: number | undefined;
  text: string;
}

export interface AnnotationChanges {
  timestamp_seconds?: number | undefined;
  text?: string | undefined;
}

function createAnnotationService<K extends AnnotationKind>(
  kind: K,
  label: string,
  { database, clock, catalog }: AnnotationDeps,
) {
  type Item = K extends 'bookmarks' ? Bookmark : Note;
  const repo = annotationRepo(kind);
  const db = database.db;
  const textField = kind === 'bookmarks' ? 'title' : 'content';

  async function ownEnrollment(actor: Actor, enrollmentId: string): Promise<Enrollment> {
    const enrollment = await enrollmentRepo.findById(db, enrollmentId);
    if (!enrollment || enrollment.user_id !== actor.id) throw notFound('Enrollment', enrollmentId);
    return enrollment;
  }

  return {
    async list(
      actor: Actor,
      enrollmentId: string,
      options: PageRequest & { lessonId?: string | undefined },
    ): Promise<Paged<Item>> {
      const enrollment = await ownEnrollment(actor, enrollmentId);
      return repo.list(db, enrollment.id, options.lessonId, options) as Promise<Paged<Item>>;
    },

    async create(actor: Actor, input: AnnotationInput): Promise<Item> {
      const lesson = await catalog.getLessonSummary(input.lessonId);
      if (!lesson) throw notFound('Lesson', input.lessonId);
      const enrollment = input.enrollmentId
        ? await ownEnrollment(actor, input.enrollmentId)
        : await enrollmentRepo.findByUserAndCourse(db, actor.id, lesson.course_id);
      if (!enrollment || enrollment.user_id !== actor.id) throw notFound('Enrollment', `for lesson ${input.lessonId}`);
      if (lesson.course_id !== enrollment.course_id) throw lessonNotInCourse(input.lessonId);
      if (enrollment.status === 'cancelled') throw enrollmentNotActive();
      const values = {
        enrollment_id: enrollment.id,
        user_id: actor.id,
        lesson_id: lesson.id,
        timestamp_seconds: input.timestamp_seconds ?? 0,
        [textField]: input.text,
      } as unknown as Parameters<typeof repo.insert>[1];
      return (await repo.insert(db, values, clock.now())) as Item;
    },

    async get(actor: Actor, id: string): Promise<Item> {
      const item = await repo.findOwned(db, id, actor.id);
      if (!item) throw notFound(label, id);
      return item as Item;
    },

    async update(actor: Actor, id: string, changes: AnnotationChanges): Promise<Item> {
      const item = await repo.update(db, id, actor.id, changes, clock.now());
      if (!item) throw notFound(label, id);
      return item as Item;
    },

    async remove(actor: Actor, id: string): Promise<void> {
      if (!(await repo.delete(db, id, actor.id))) throw notFound(label, id);
    },
  };
}

export const createBookmarkService = (deps: AnnotationDeps) => createAnnotationService('bookmarks', 'Bookmark', deps);
export const createNoteService = (deps: AnnotationDeps) => createAnnotationService('notes', 'Note', deps);
