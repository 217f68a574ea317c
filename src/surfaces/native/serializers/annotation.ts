// Bookmarks and notes: a bookmark's `title` and a note's `content` are the learning module's `text`.
import type { Static } from 'typebox';

import type { CreateBookmarkBody, CreateNoteBody, UpdateBookmarkBody, UpdateNoteBody } from '../annotations.schemas.ts';

export function bookmarkInput(enrollmentId: string, body: Static<typeof CreateBookmarkBody>) {
  return { enrollmentId, lessonId: body.lesson_id, timestamp_seconds: body.timestamp_seconds, text: body.title };
}

export function bookmarkPatch(body: Static<typeof UpdateBookmarkBody>) {
  return { timestamp_seconds: body.timestamp_seconds, text: body.title };
}

export function noteInput(enrollmentId: string, body: Static<typeof CreateNoteBody>) {
  return { enrollmentId, lessonId: body.lesson_id, timestamp_seconds: body.timestamp_seconds, text: body.content };
}

export function notePatch(body: Static<typeof UpdateNoteBody>) {
  return { timestamp_seconds: body.timestamp_seconds, text: body.content };
}
