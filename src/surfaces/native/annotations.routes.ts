// Bookmarks and notes of an enrolment: CRUD, private to the student who made them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  AnnotationListQuery,
  BookmarkOut,
  BookmarkParams,
  CreateBookmarkBody,
  CreateNoteBody,
  NoteOut,
  NoteParams,
  UpdateBookmarkBody,
  UpdateNoteBody,
} from './annotations.schemas.ts';
import { Page } from './common.schemas.ts';
import { EnrollmentParams } from './enrollments.schemas.ts';
import { bookmarkInput, bookmarkPatch, noteInput, notePatch } from './serializers/annotation.ts';
import { pageOf } from './serializers/page.ts';

const PRIVATE = "Private to the enrolment's student: anyone else, staff and admins included, gets 404.";

export function annotationRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { bookmarks, notes } = modules.learning;
    const auth = { auth: 'user' as const };
    const b = { tags: ['bookmarks'] };
    const n = { tags: ['notes'] };

    app.get(
      '/enrollments/:enrollment_id/bookmarks',
      {
        config: auth,
        schema: {
          operationId: 'listBookmarks',
          summary: 'List my bookmarks in an enrolment',
          description: `By lesson, then by position in the video; filter by \`lesson_id\`. ${PRIVATE}`,
          ...b,
          params: EnrollmentParams,
          querystring: AnnotationListQuery,
          response: { 200: Described(Page(BookmarkOut), 'A page of bookmarks.') },
        },
      },
      async (request) => {
        const { page, page_size, lesson_id } = request.query;
        const result = await bookmarks.list(actorOf(request), request.params.enrollment_id, {
          lessonId: lesson_id,
          ...fromPage(page, page_size),
        });
        return pageOf(result.items, result.total, page, page_size);
      },
    );
    app.post(
      '/enrollments/:enrollment_id/bookmarks',
      {
        config: { ...auth, location: '/bookmarks/{id}' },
        schema: {
          operationId: 'createBookmark',
          summary: 'Add a bookmark at a moment of a lesson',
          description: `On a lesson of the enrolment's course, at \`timestamp_seconds\` of its video (0 when left out); not on a cancelled enrolment (409). ${PRIVATE}`,
          ...b,
          params: EnrollmentParams,
          body: CreateBookmarkBody,
          response: { 201: Described(BookmarkOut, 'The bookmark is created.') },
        },
      },
      async (request, reply) => {
        const input = bookmarkInput(request.params.enrollment_id, request.body);
        return reply.status(201).send(await bookmarks.create(actorOf(request), input));
      },
    );
    app.get(
      '/bookmarks/:bookmark_id',
      {
        config: auth,
        schema: {
          operationId: 'getBookmark',
          summary: 'Get a bookmark',
          description: PRIVATE,
          ...b,
          params: BookmarkParams,
          response: { 200: Described(BookmarkOut, 'The bookmark.') },
        },
      },
      async (request) => bookmarks.get(actorOf(request), request.params.bookmark_id),
    );
    app.patch(
      '/bookmarks/:bookmark_id',
      {
        config: auth,
        schema: {
          operationId: 'updateBookmark',
          summary: 'Update a bookmark',
          description: PRIVATE,
          ...b,
          params: BookmarkParams,
          body: UpdateBookmarkBody,
          response: { 200: Described(BookmarkOut, 'The updated bookmark.') },
        },
      },
      async (request) => bookmarks.update(actorOf(request), request.params.bookmark_id, bookmarkPatch(request.body)),
    );
    app.delete(
      '/bookmarks/:bookmark_id',
      {
        config: auth,
        schema: {
          operationId: 'deleteBookmark',
          summary: 'Delete a bookmark',
          description: PRIVATE,
          ...b,
          params: BookmarkParams,
          response: { 204: Described(NoContent, 'The bookmark is deleted.') },
        },
      },
      async (request, reply) => {
        await bookmarks.remove(actorOf(request), request.params.bookmark_id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/enrollments/:enrollment_id/notes',
      {
        config: auth,
        schema: {
          operationId: 'listNotes',
          summary: 'List my notes in an enrolment',
          description: `By lesson, then by position in the video; filter by \`lesson_id\`. ${PRIVATE}`,
          ...n,
          params: EnrollmentParams,
          querystring: AnnotationListQuery,
          response: { 200: Described(Page(NoteOut), 'A page of notes.') },
        },
      },
      async (request) => {
        const { page, page_size, lesson_id } = request.query;
        const result = await notes.list(actorOf(request), request.params.enrollment_id, {
          lessonId: lesson_id,
          ...fromPage(page, page_size),
        });
        return pageOf(result.items, result.total, page, page_size);
      },
    );
    app.post(
      '/enrollments/:enrollment_id/notes',
      {
        config: { ...auth, location: '/notes/{id}' },
        schema: {
          operationId: 'createNote',
          summary: 'Add a note to a lesson',
          description: `On a lesson of the enrolment's course, at \`timestamp_seconds\` of its video (0 when left out); not on a cancelled enrolment (409). ${PRIVATE}`,
          ...n,
          params: EnrollmentParams,
          body: CreateNoteBody,
          response: { 201: Described(NoteOut, 'The note is created.') },
        },
      },
      async (request, reply) => {
        const input = noteInput(request.params.enrollment_id, request.body);
        return reply.status(201).send(await notes.create(actorOf(request), input));
      },
    );
    app.get(
      '/notes/:note_id',
      {
        config: auth,
        schema: {
          operationId: 'getNote',
          summary: 'Get a note',
          description: PRIVATE,
          ...n,
          params: NoteParams,
          response: { 200: Described(NoteOut, 'The note.') },
        },
      },
      async (request) => notes.get(actorOf(request), request.params.note_id),
    );
    app.patch(
      '/notes/:note_id',
      {
        config: auth,
        schema: {
          operationId: 'updateNote',
          summary: 'Update a note',
          description: PRIVATE,
          ...n,
          params: NoteParams,
          body: UpdateNoteBody,
          response: { 200: Described(NoteOut, 'The updated note.') },
        },
      },
      async (request) => notes.update(actorOf(request), request.params.note_id, notePatch(request.body)),
    );
    app.delete(
      '/notes/:note_id',
      {
        config: auth,
        schema: {
          operationId: 'deleteNote',
          summary: 'Delete a note',
          description: PRIVATE,
          ...n,
          params: NoteParams,
          response: { 204: Described(NoContent, 'The note is deleted.') },
        },
      },
      async (request, reply) => {
        await notes.remove(actorOf(request), request.params.note_id);
        return reply.status(204).send(null);
      },
    );
  };
}
