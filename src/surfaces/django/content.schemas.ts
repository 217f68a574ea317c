// 002's content bodies and answers: sections, lectures (content_type, order_index,
// duration_seconds), video and PDF content, lecture resources.
import { Type } from 'typebox';

import { DateTime, Int, Nullable, StringEnum, Text, Url, Uuid } from '../kit/schemas.ts';

export const SectionBody = Type.Object({
  title: Text(1, 200),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  order_index: Type.Optional(Int(1, 10_000, { description: '1-based place in the course; appended when left out.' })),
});
export const SectionPatchBody = Type.Object({
  title: Type.Optional(Text(1, 200)),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  order_index: Type.Optional(Int(1, 10_000)),
});
export const SectionOut = Type.Object({
  id: Uuid,
  course: Uuid,
  title: Type.String(),
  description: Type.String(),
  order_index: Type.Integer(),
  lecture_count: Type.Integer(),
  created_at: DateTime,
  updated_at: DateTime,
});

const ContentType = StringEnum(['video', 'pdf', 'quiz', 'text'], { description: "The lecture's kind." });
const lectureFields = {
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  content_type: Type.Optional(ContentType),
  content: Type.Optional(Type.String({ maxLength: 200_000, description: 'Text of a `text` lecture.' })),
  order_index: Type.Optional(Int(1, 10_000)),
  duration_seconds: Type.Optional(Int(0, 1_000_000)),
  is_preview: Type.Optional(Type.Boolean({ description: 'A free preview anyone may read.' })),
};
export const LectureBody = Type.Object({ title: Text(1, 200), ...lectureFields });
export const LecturePatchBody = Type.Object({ title: Type.Optional(Text(1, 200)), ...lectureFields });
export const LectureOut = Type.Object({
  id: Uuid,
  section: Uuid,
  course: Uuid,
  title: Type.String(),
  description: Type.String(),
  content_type: Type.String(),
  content: Nullable(Type.String()),
  order_index: Type.Integer(),
  duration_seconds: Type.Integer(),
  is_preview: Type.Boolean(),
  video_url: Nullable(Type.String()),
  video_provider: Nullable(Type.String()),
  created_at: DateTime,
  updated_at: DateTime,
});

export const VideoBody = Type.Object({
  video_url: Url,
  video_provider: Type.Optional(
    StringEnum(['vimeo', 'youtube', 'wistia', 'url'], { description: 'Guessed from the URL when left out.' }),
  ),
  duration_seconds: Type.Optional(Int(0, 1_000_000)),
});

export const ResourceBody = Type.Object({
  title: Text(1, 200),
  resource_type: Type.Optional(StringEnum(['link'], { description: 'A link resource; files come through `pdf/`.' })),
  url: Url,
});
export const ResourceOut = Type.Object({
  id: Uuid,
  lecture: Uuid,
  title: Type.String(),
  resource_type: Type.String(),
  url: Nullable(Type.String()),
  file: Nullable(Uuid),
  content_type: Nullable(Type.String()),
  size_bytes: Nullable(Type.Integer()),
  created_at: DateTime,
});

export const VideoAssetOut = Type.Object(
  {
    id: Uuid,
    status: StringEnum(['uploading', 'processing', 'ready', 'failed'], {
      description: '`processing` while the media worker probes the file, then `ready` or `failed`.',
    }),
    content_type: Type.String({ description: 'Sniffed from the bytes.' }),
    size_bytes: Type.Integer(),
    original_name: Type.String(),
    url: Nullable(Type.String({ description: 'A signed, short-lived link; null until the file is ready.' })),
  },
  { description: 'The uploaded video file (`video_provider: upload`).' },
);
export const LectureVideoOut = Type.Object({ ...LectureOut.properties, video_asset: Type.Optional(VideoAssetOut) });
/**
 * The multipart form of `video/`, for the OpenAPI document: the route reads the parts itself, so
 * the schema has no `type` (a multipart request carries no parsed body to validate).
 */
export const VideoUploadForm = Type.Unsafe<unknown>({
  properties: {
    file: { type: 'string', format: 'binary', description: 'The video file.' },
  },
  required: ['file'],
});
