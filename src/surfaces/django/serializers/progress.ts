// Video progress, bookmarks and notes in 002's words (enrollment, lecture, is_completed).
import type { Bookmark, Note, VideoProgress } from '../../../modules/learning/index.ts';

export const toVideoProgressOut = (progress: VideoProgress) => ({
  id: progress.id,
  enrollment: progress.enrollment_id,
  lecture: progress.lesson_id,
  watched_seconds: progress.watched_seconds,
  total_seconds: progress.total_seconds,
  completion_percentage: progress.completion_percentage,
  last_position_seconds: progress.last_position_seconds,
  is_completed: progress.completed,
  completed_at: progress.completed_at,
  updated_at: progress.updated_at,
});

const annotation = (item: Bookmark | Note) => ({
  id: item.id,
  enrollment: item.enrollment_id,
  lecture: item.lesson_id,
  timestamp_seconds: item.timestamp_seconds,
  created_at: item.created_at,
  updated_at: item.updated_at,
});

export const toBookmarkOut = (bookmark: Bookmark) => ({ ...annotation(bookmark), title: bookmark.title });
export const toNoteOut = (note: Note) => ({ ...annotation(note), content: note.content });

/** The title of a bookmark sent without one: "Bookmark at 3:05". */
export function defaultBookmarkTitle(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `Bookmark at ${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
