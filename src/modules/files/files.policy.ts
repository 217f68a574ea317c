// Who may use files and media assets. A course's staff are whoever the catalog says (its
// isCourseStaff includes admins); admins are named here only for what belongs to no course.
import type { Actor } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';
import type { FilesPorts } from './files.ports.ts';

/** What the rules read about a media asset. */
export interface AssetFacts {
  owner_id: string;
  course_id: string | null;
  lesson_id: string | null;
  purpose: string;
  status: string;
}

/** An uploaded file is its owner's; admins see every file. */
export function canUseFile(actor: Actor, file: { owner_id: string }): boolean {
  return file.owner_id === actor.id || isAdmin(actor);
}

export function createFilesPolicy(catalog: Pick<FilesPorts['catalog'], 'isCourseStaff' | 'canReadLesson'>) {
  /** The uploader, the course's staff, or (for an asset of no course, such as an avatar) an admin. */
  async function canManageAsset(actor: Actor, asset: AssetFacts): Promise<boolean> {
    if (asset.owner_id === actor.id) return true;
    return asset.course_id !== null ? catalog.isCourseStaff(actor, asset.course_id) : isAdmin(actor);
  }

  return {
    canManageAsset,

    /** Managers always; readers of the lesson once the asset is ready. */
    async canViewAsset(actor: Actor | null, asset: AssetFacts): Promise<boolean> {
      if (actor && (await canManageAsset(actor, asset))) return true;
      if (asset.status !== 'ready' || asset.purpose !== 'lesson' || !asset.lesson_id) return false;
      return catalog.canReadLesson(actor, asset.lesson_id);
    },

    /** Lesson and course media are uploaded by the course's staff. */
    canUploadToCourse: (actor: Actor, courseId: string): Promise<boolean> => catalog.isCourseStaff(actor, courseId),
  };
}

export type FilesPolicy = ReturnType<typeof createFilesPolicy>;
