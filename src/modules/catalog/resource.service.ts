// Lesson resources: links or uploaded files attached to a lesson, readable with the lesson.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors.ts';
import { lessonNotFound, resourceNotFound } from './catalog.errors.ts';
import type { CatalogPorts } from './catalog.ports.ts';
import type { LessonResource, ResourceKind } from './catalog.types.ts';
import { lessonRepo } from './content.repo.ts';
import { courseRepo } from './course.repo.ts';
import type { CourseAccess } from './course-access.ts';
import { resourceRepo } from './resource.repo.ts';

export interface ResourceInput {
  kind: ResourceKind;
  title?: string;
  url?: string;
  file_id?: string;
}

export function createResourceService({
  database,
  clock,
  access,
  files,
  readLesson,
}: {
  database: DatabaseHandle;
  clock: Clock;
  access: CourseAccess;
  files: CatalogPorts['files'];
  /** Throws unless the actor may read the lesson's content. */
  readLesson: (actor: Actor | null, lessonId: string) => Promise<unknown>;
}) {
  const { db } = database;

  return {
    async list(actor: Actor | null, lessonId: string): Promise<LessonResource[]> {
      await readLesson(actor, lessonId);
      return resourceRepo.listByLesson(db, lessonId);
    },

    async create(actor: Actor, lessonId: string, input: ResourceInput): Promise<LessonResource> {
      const lesson = await lessonRepo.findById(db, lessonId);
      if (!lesson) throw lessonNotFound(lessonId);
      await access.assertStaff(db, actor, lesson.course_id);
      let values: {
        title: string;
        url: string | null;
        file_id: string | null;
        content_type: string | null;
        size_bytes: number | null;
      };
      if (input.kind === 'link') {
        if (!input.url || !/^https?:\/\//i.test(input.url))
          throw invalid('A link resource needs an http(s) url', 'url');
        values = {
          title: input.title?.trim() || input.url,
          url: input.url,
          file_id: null,
          content_type: null,
          size_bytes: null,
        };
      } else {
        if (!input.file_id) throw invalid('A file resource needs a file_id', 'file_id');
        // Outside the transaction: the files module reads through its own handle.
        const file = await files.getFileForActor(actor, input.file_id);
        values = {
          title: input.title?.trim() || file.original_name,
          url: null,
          file_id: file.id,
          content_type: file.content_type,
          size_bytes: Number(file.size_bytes),
        };
      }
      return database.transaction(async (tx) => {
        if (!(await courseRepo.lock(tx, lesson.course_id))) throw lessonNotFound(lessonId);
        return resourceRepo.insert(tx, { ...values, lesson_id: lessonId, kind: input.kind, created_at: clock.now() });
      });
    },

    async remove(actor: Actor, resourceId: string): Promise<void> {
      const resource = await resourceRepo.findById(db, resourceId);
      if (!resource) throw resourceNotFound(resourceId);
      const lesson = await lessonRepo.findById(db, resource.lesson_id);
      if (!lesson) throw resourceNotFound(resourceId);
      await access.assertStaff(db, actor, lesson.course_id);
      await resourceRepo.delete(db, resourceId);
    },
  };
}
