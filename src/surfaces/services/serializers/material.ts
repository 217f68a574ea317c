// Materials are lessons: 003 knows two types, `video` and `document` (a text, PDF or quiz lesson
// made through another API reads as a document), and shows each with its media assets.
import type { Lesson, LessonInput, Material } from '../../../modules/catalog/index.ts';

export const toMaterialType = (type: Lesson['type']): 'video' | 'document' => (type === 'video' ? 'video' : 'document');

export const toMaterialOut = (material: Material) => ({
  id: material.id,
  section_id: material.section_id,
  type: toMaterialType(material.type),
  title: material.title,
  status: material.status,
  media_assets: material.media_assets.map((asset) => ({ id: asset.id, url: asset.url, status: asset.status })),
});

/** A create or update body: only the fields sent. */
export function toMaterialInput(body: { type?: 'video' | 'document'; title?: string; status?: Lesson['status'] }) {
  const input: LessonInput = {};
  if (body.type !== undefined) input.type = body.type;
  if (body.title !== undefined) input.title = body.title;
  if (body.status !== undefined) input.status = body.status;
  return input;
}
