// Bookmark and note shapes (002's fields: lesson, timestamp, title or content).
import { Type } from 'typebox';

import { DateTime, PageQuery, Uuid } from './common.schemas.ts';

const Timestamp = Type.Integer({ minimum: 0, maximum: 86_400 * 7 });
const annotation = {
  id: Uuid,
  enrollment_id: Uuid,
  lesson_id: Uuid,
  timestamp_seconds: Type.Integer(),
  created_at: DateTime,
  updated_at: DateTime,
};

export const BookmarkOut = Type.Object({ ...annotation, title: Type.String() });
export const NoteOut = Type.Object({ ...annotation, content: Type.String() });

const Title = Type.String({ minLength: 1, maxLength: 255 });
const Content = Type.String({ minLength: 1, maxLength: 20_000 });

export const CreateBookmarkBody = Type.Object(
  { lesson_id: Uuid, timestamp_seconds: Type.Optional(Timestamp), title: Title },
  { additionalProperties: false },
);
export const UpdateBookmarkBody = Type.Object(
  { timestamp_seconds: Type.Optional(Timestamp), title: Type.Optional(Title) },
  { additionalProperties: false },
);
export const CreateNoteBody = Type.Object(
  { lesson_id: Uuid, timestamp_seconds: Type.Optional(Timestamp), content: Content },
  { additionalProperties: false },
);
export const UpdateNoteBody = Type.Object(
  { timestamp_seconds: Type.Optional(Timestamp), content: Type.Optional(Content) },
  { additionalProperties: false },
);

export const AnnotationListQuery = Type.Intersect([PageQuery, Type.Object({ lesson_id: Type.Optional(Uuid) })]);
export const BookmarkParams = Type.Object({ bookmark_id: Uuid });
export const NoteParams = Type.Object({ note_id: Uuid });
