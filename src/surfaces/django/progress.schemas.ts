// 002's per-lecture video progress (enrollments.VideoProgress), bookmarks and notes
// (enrollments.Bookmark, enrollments.Note). Unknown fields are ignored; `enrollment`, `lecture`
// and `user` come from the path and the caller, never from a body.
import { Type } from 'typebox';

import { DateTime, Int, Nullable, NullableDateTime, Uuid } from '../kit/schemas.ts';
import { DrfPageQuery } from './paging.ts';

const Seconds = (description: string) => Type.Number({ minimum: 0, maximum: 86_400 * 7, description });

export const VideoProgressBody = Type.Object({
  watched_seconds: Seconds('Seconds of the video watched so far (progress never goes back).'),
  total_seconds: Type.Optional(
    Seconds("The video's length; the lecture's own duration wins when it has one. Not below `watched_seconds`."),
  ),
  completion_percentage: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 100,
      description:
        "Computed by the server from watched/total; the client's value only stands in for the length when neither the lecture nor `total_seconds` gives one.",
    }),
  ),
});

export const VideoProgressOut = Type.Object({
  id: Nullable(Uuid),
  enrollment: Uuid,
  lecture: Uuid,
  watched_seconds: Type.Number(),
  total_seconds: Nullable(Type.Number()),
  completion_percentage: Type.Number({ description: '0-100, two decimals.' }),
  last_position_seconds: Type.Number(),
  is_completed: Type.Boolean({ description: 'The lecture is complete (a video watched to 90% completes itself).' }),
  completed_at: NullableDateTime,
  updated_at: NullableDateTime,
});

const Timestamp = Int(0, 86_400 * 7, { description: 'Position in the video, in seconds.' });
const Title = Type.String({ minLength: 1, maxLength: 255 });
const Content = Type.String({ minLength: 1, maxLength: 20_000 });

const annotation = {
  id: Uuid,
  enrollment: Uuid,
  lecture: Uuid,
  timestamp_seconds: Type.Integer(),
  created_at: DateTime,
  updated_at: DateTime,
};
export const BookmarkOut = Type.Object({ ...annotation, title: Type.String() });
export const NoteOut = Type.Object({ ...annotation, content: Type.String() });

export const BookmarkBody = Type.Object({
  timestamp_seconds: Timestamp,
  title: Type.Optional({ ...Title, description: 'Defaults to "Bookmark at m:ss".' }),
});
export const BookmarkPatchBody = Type.Object({
  timestamp_seconds: Type.Optional(Timestamp),
  title: Type.Optional(Title),
});
export const NoteBody = Type.Object({
  content: Content,
  timestamp_seconds: Type.Optional({ ...Timestamp, description: 'Position in the video (0 when left out).' }),
});
export const NotePatchBody = Type.Object({
  content: Type.Optional(Content),
  timestamp_seconds: Type.Optional(Timestamp),
});

export const AnnotationListQuery = Type.Object({
  ...DrfPageQuery,
  lecture: Type.Optional({ ...Uuid, description: 'Only this lecture.' }),
});
