// Courses as 003's content service shows them (`title`, `description`, `status`), and the
// course with its sections (`sequence`, `material_count`).
import type { Course, CourseDetail, CourseInput } from '../../../modules/catalog/index.ts';

export const toCourseOut = (course: Course) => ({
  id: course.id,
  title: course.title,
  description: course.description,
  status: course.status,
  created_at: course.created_at,
  updated_at: course.updated_at,
});

/** Sections in order; a section's materials are those the caller may see (staff see drafts too). */
export function toCourseDetailOut(course: CourseDetail) {
  const visible = new Map<string, number>();
  for (const lesson of course.lessons) visible.set(lesson.section_id, (visible.get(lesson.section_id) ?? 0) + 1);
  return {
    ...toCourseOut(course),
    sections: course.sections.map((section) => ({
      id: section.id,
      title: section.title,
      sequence: section.position,
      material_count: visible.get(section.id) ?? 0,
    })),
  };
}

/** A create or update body: only the fields sent. */
export function toCourseInput(body: { title?: string; description?: string; status?: CourseInput['status'] }) {
  const input: CourseInput = {};
  if (body.title !== undefined) input.title = body.title;
  if (body.description !== undefined) input.description = body.description;
  if (body.status !== undefined) input.status = body.status;
  return input;
}
