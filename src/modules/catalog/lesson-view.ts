// Lesson rows to the domain view, with content withheld from callers who may only see the outline.
import type { LessonRow } from './catalog.tables.ts';
import type { Lesson } from './catalog.types.ts';

export function toLesson(row: LessonRow, order: number, accessible: boolean): Lesson {
  return {
    id: row.id,
    course_id: row.course_id,
    section_id: row.section_id,
    title: row.title,
    description: row.description,
    type: row.type,
    content: accessible ? row.content : null,
    video_url: accessible ? row.video_url : null,
    video_provider: row.video_provider,
    vimeo_id: accessible ? row.vimeo_id : null,
    duration_seconds: row.duration_seconds,
    status: row.status,
    is_free_preview: row.is_free_preview,
    is_required: row.is_required,
    position: row.position,
    order,
    accessible,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
