// Sections as 003 shows them: `sequence` is the section's place in its course.
import type { Section } from '../../../modules/catalog/index.ts';

export const toSectionOut = (section: Section) => ({
  id: section.id,
  course_id: section.course_id,
  title: section.title,
  sequence: section.position,
  material_count: section.lesson_count,
  created_at: section.created_at,
});

export function toSectionInput(body: { title?: string; sequence?: number }) {
  return {
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.sequence !== undefined ? { position: body.sequence } : {}),
  };
}
