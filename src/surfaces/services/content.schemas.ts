// The content service's bodies and answers (003 "Content Service"): courses, sections,
// materials (lessons), media assets and tags. Unknown body fields are ignored, as the Go service
// the document describes does.
import { Type } from 'typebox';

import { DateTime, Int, LimitOffsetQuery, Nullable, StringEnum, Text, Uuid } from '../kit/schemas.ts';

/** What a client may set; `archived` (set through other APIs) is shown but not accepted here. */
export const COURSE_STATUSES_IN = ['draft', 'review', 'published'] as const;
const CourseStatusIn = StringEnum(COURSE_STATUSES_IN, {
  description: '`published` publishes the course at once.',
});
const CourseStatusOut = StringEnum([...COURSE_STATUSES_IN, 'archived']);
export const MATERIAL_TYPES = ['video', 'document'] as const;
const MaterialType = StringEnum(MATERIAL_TYPES);
const MaterialStatus = StringEnum(['draft', 'published'] as const);
const MediaStatus = StringEnum(['uploading', 'processing', 'ready', 'failed'] as const);
const Title = Text(1, 255);
const Description = Type.String({ maxLength: 20_000 });
const Sequence = Int(1, 10_000, { description: '1-based place among the course’s sections.' });

export const IdParams = Type.Object({ id: Uuid });
export const CourseParams = Type.Object({ courseId: Uuid });
export const SectionParams = Type.Object({ sectionId: Uuid });

export const CourseListQuery = Type.Object({
  ...LimitOffsetQuery.properties,
  status: Type.Optional(CourseStatusOut),
});

export const CourseOut = Type.Object({
  id: Uuid,
  title: Type.String(),
  description: Type.String(),
  status: CourseStatusOut,
  created_at: DateTime,
  updated_at: DateTime,
});

export const CourseListOut = Type.Object({
  courses: Type.Array(CourseOut),
  total: Type.Integer({ description: 'Courses the caller may see in all (the list holds one page of them).' }),
});

export const CourseSectionOut = Type.Object({
  id: Uuid,
  title: Type.String(),
  sequence: Type.Integer(),
  material_count: Type.Integer({ description: 'Materials of the section the caller may see.' }),
});

export const CourseDetailOut = Type.Object({
  ...CourseOut.properties,
  sections: Type.Array(CourseSectionOut),
});

export const CreateCourseBody = Type.Object({
  title: Title,
  description: Type.Optional(Description),
  status: Type.Optional(CourseStatusIn),
});

export const UpdateCourseBody = Type.Object({
  title: Type.Optional(Title),
  description: Type.Optional(Description),
  status: Type.Optional(CourseStatusIn),
});

export const SectionOut = Type.Object({
  id: Uuid,
  course_id: Uuid,
  title: Type.String(),
  sequence: Type.Integer(),
  material_count: Type.Integer(),
  created_at: DateTime,
});
export const SectionListOut = Type.Object({ sections: Type.Array(SectionOut) });

export const CreateSectionBody = Type.Object({
  title: Title,
  sequence: Type.Optional({ ...Sequence, description: 'Where to insert it; appended when omitted.' }),
});
export const UpdateSectionBody = Type.Object({
  title: Type.Optional(Title),
  sequence: Type.Optional({ ...Sequence, description: 'Moves the section to this place.' }),
});

export const MaterialMediaOut = Type.Object({
  id: Uuid,
  url: Nullable(Type.String({ description: 'A signed, short-lived link once the asset is ready.' })),
  status: MediaStatus,
});

export const MaterialOut = Type.Object({
  id: Uuid,
  section_id: Uuid,
  type: MaterialType,
  title: Type.String(),
  status: MaterialStatus,
  media_assets: Type.Array(MaterialMediaOut),
});
export const MaterialListOut = Type.Object({ materials: Type.Array(MaterialOut) });

export const CreateMaterialBody = Type.Object({
  type: MaterialType,
  title: Title,
  status: Type.Optional({ ...MaterialStatus, description: '`published` when omitted.' }),
});
export const UpdateMaterialBody = Type.Object({
  type: Type.Optional(MaterialType),
  title: Type.Optional(Title),
  status: Type.Optional(MaterialStatus),
});

export const PresignBody = Type.Object({
  content_type: Text(3, 100, { description: 'video/mp4, video/webm, video/quicktime, audio/*, application/pdf...' }),
  file_size: Int(1, Number.MAX_SAFE_INTEGER, { description: 'Bytes the client will upload.' }),
  file_name: Type.Optional(Text(0, 255)),
});

export const PresignOut = Type.Object({
  upload_url: Type.String({ description: 'PUT the file here, with the Content-Type declared; no token needed.' }),
  media_asset_id: Uuid,
  expires_at: DateTime,
  upload_method: Type.Literal('PUT'),
  upload_headers: Type.Record(Type.String(), Type.String()),
});

export const MediaAssetOut = Type.Object({
  id: Uuid,
  material_id: Nullable(Uuid),
  url: Nullable(Type.String({ description: 'A signed, short-lived link once the asset is ready.' })),
  status: MediaStatus,
  file_size: Type.Integer(),
  content_type: Type.String(),
  duration: Nullable(Type.Number({ description: 'Seconds, for audio and video.' })),
  thumbnail_url: Nullable(Type.String()),
  failure_reason: Nullable(Type.String({ description: 'Why processing refused or failed the upload.' })),
  created_at: DateTime,
});

export const TagOut = Type.Object({ id: Uuid, name: Type.String(), usage_count: Type.Integer() });
export const TagListOut = Type.Object({ tags: Type.Array(TagOut) });
export const CreateTagBody = Type.Object({ name: Text(1, 50) });
