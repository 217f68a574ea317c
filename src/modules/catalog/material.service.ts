// Materials (003): a section's lessons with their media assets, read through the files module's
// public API, so a client sees each material's uploads (and their state) in one answer.
import type { Actor } from '../../platform/actor.ts';
import type { MediaAsset } from '../files/index.ts';
import type { CatalogPorts } from './catalog.ports.ts';
import type { CreateLessonInput, Lesson, LessonInput } from './catalog.types.ts';
import type { ContentService } from './content.service.ts';

/** A lesson with the media assets the caller may see, in upload order. */
export interface Material extends Lesson {
  media_assets: MediaAsset[];
}

export interface MaterialDeps {
  content: Pick<ContentService, 'listSectionLessons' | 'getLesson' | 'createSectionLesson' | 'updateLesson'>;
  files: CatalogPorts['files'];
}

export function createMaterialService({ content, files }: MaterialDeps) {
  async function withMedia(actor: Actor | null, lessons: Lesson[]): Promise<Material[]> {
    if (lessons.length === 0) return [];
    const media = await files.listLessonsMedia(
      actor,
      lessons.map((lesson) => lesson.id),
    );
    return lessons.map((lesson) => ({ ...lesson, media_assets: media.get(lesson.id) ?? [] }));
  }

  async function get(actor: Actor | null, lessonId: string): Promise<Material> {
    const [material] = await withMedia(actor, [await content.getLesson(actor, lessonId)]);
    return material!;
  }

  return {
    /** The section's lessons the caller may see (staff see drafts), with their media. */
    async listForSection(actor: Actor | null, sectionId: string): Promise<Material[]> {
      return withMedia(actor, await content.listSectionLessons(actor, sectionId));
    },

    /** One lesson the caller may read, with its media. */
    get,

    async create(actor: Actor, sectionId: string, input: Omit<CreateLessonInput, 'section_id'>): Promise<Material> {
      return { ...(await content.createSectionLesson(actor, sectionId, input)), media_assets: [] };
    },

    async update(actor: Actor, lessonId: string, input: LessonInput): Promise<Material> {
      await content.updateLesson(actor, lessonId, input);
      return get(actor, lessonId);
    },
  };
}
