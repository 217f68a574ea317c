// Bookmarks and notes of an enrolment: CRUD, private to the student who made them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
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

export function annotationRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { bookmarks, notes } = modules.learning;
    const auth = { auth: 'user' as const };
    const b = { tags: ['bookmarks'] };
    const n = { tags: ['notes'] };
    const noContent = { 204: { type: 'null' } } as const;

    app.get(
      '/enrollments/:enrollment_id/bookmarks',
      {
        config: auth,
        schema: {
          ...b,
          params: EnrollmentParams,
          querystring: AnnotationListQuery,
          response: { 200: Page(BookmarkOut) },
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
          ...b,
          params: EnrollmentParams,
          body: CreateBookmarkBody,
          response: { 201: BookmarkOut },
        },
      },
      async (request, reply) => {
        const input = bookmarkInput(request.params.enrollment_id, request.body);
        return reply.status(201).send(await bookmarks.create(actorOf(request), input));
      },
    );
    app.get(
      '/bookmarks/:bookmark_id',
      { config: auth, schema: { ...b, params: BookmarkParams, response: { 200: BookmarkOut } } },
      async (request) => bookmarks.get(actorOf(request), request.params.bookmark_id),
    );
    app.patch(
      '/bookmarks/:bookmark_id',
      {
        config: auth,
        schema: {
          ...b,
          params: BookmarkParams,
          body: UpdateBookmarkBody,
          response: { 200: BookmarkOut },
        },
      },
      async (request) => bookmarks.update(actorOf(request), request.params.bookmark_id, bookmarkPatch(request.body)),
    );
    app.delete(
      '/bookmarks/:bookmark_id',
      { config: auth, schema: { ...b, params: BookmarkParams, response: { ...noContent } } },
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
          ...n,
          params: EnrollmentParams,
          querystring: AnnotationListQuery,
          response: { 200: Page(NoteOut) },
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
        schema: { ...n, params: EnrollmentParams, body: CreateNoteBody, response: { 201: NoteOut } },
      },
      async (request, reply) => {
        const input = noteInput(request.params.enrollment_id, request.body);
        return reply.status(201).send(await notes.create(actorOf(request), input));
      },
    );
    app.get(
      '/notes/:note_id',
      { config: auth, schema: { ...n, params: NoteParams, response: { 200: NoteOut } } },
      async (request) => notes.get(actorOf(request), request.params.note_id),
    );
    app.patch(
      '/notes/:note_id',
      {
        config: auth,
        schema: { ...n, params: NoteParams, body: UpdateNoteBody, response: { 200: NoteOut } },
      },
      async (request) => notes.update(actorOf(request), request.params.note_id, notePatch(request.body)),
    );
    app.delete(
      '/notes/:note_id',
      { config: auth, schema: { ...n, params: NoteParams, response: { ...noContent } } },
      async (request, reply) => {
        await notes.remove(actorOf(request), request.params.note_id);
        return reply.status(204).send(null);
      },
    );
  };
}
