// Sections, lectures and resources in 002's words (order_index, content_type, is_preview...).
import type { Static } from 'typebox';

import type { Lesson, LessonInput, LessonResource, Section } from '../../../modules/catalog/index.ts';
import type { MediaAsset } from '../../../modules/files/index.ts';
import type { LecturePatchBody } from '../content.schemas.ts';

export const toSectionOut = (section: Section) => ({
  id: section.id,
  course: section.course_id,
  title: section.title,
  description: section.description,
  order_index: section.position,
  lecture_count: section.lesson_count,
  created_at: section.created_at,
  updated_at: section.updated_at,
});

export const toLectureOut = (lesson: Lesson) => ({
  id: lesson.id,
  section: lesson.section_id,
  course: lesson.course_id,
  title: lesson.title,
  description: lesson.description,
  content_type: lesson.type,
  content: lesson.content,
  order_index: lesson.position,
  duration_seconds: lesson.duration_seconds,
  is_preview: lesson.is_free_preview,
  video_url: lesson.video_url,
  video_provider: lesson.video_provider,
  created_at: lesson.created_at,
  updated_at: lesson.updated_at,
});

export function lectureInput(body: Static<typeof LecturePatchBody>): LessonInput & { title?: string } {
  const input: LessonInput & { title?: string } = {};
  if (body.title !== undefined) input.title = body.title;
  if (body.description !== undefined) input.description = body.description;
  if (body.content_type !== undefined) input.type = body.content_type;
  if (body.content !== undefined) input.content = body.content;
  if (body.duration_seconds !== undefined) input.duration_seconds = body.duration_seconds;
  if (body.is_preview !== undefined) input.is_free_preview = body.is_preview;
  return input;
}

export const toResourceOut = (resource: LessonResource) => ({
  id: resource.id,
  lecture: resource.lesson_id,
  title: resource.title,
  resource_type: resource.kind,
  url: resource.url,
  file: resource.file_id,
  content_type: resource.content_type,
  size_bytes: resource.size_bytes,
  created_at: resource.created_at,
});

/** The provider a client means by a URL, when it does not say. */
export function providerOf(url: string): string {
  const host = new URL(url).hostname;
  if (host.endsWith('vimeo.com')) return 'vimeo';
  if (host.endsWith('youtube.com') || host === 'youtu.be') return 'youtube';
  if (host.endsWith('wistia.com')) return 'wistia';
  return 'url';
}

export const toVideoAssetOut = (asset: MediaAsset) => ({
  id: asset.id,
  status: asset.status,
  content_type: asset.content_type,
  size_bytes: asset.size_bytes,
  original_name: asset.original_name,
  url: asset.url,
});
