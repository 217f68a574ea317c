// 002's bookmarks and notes (category 6): listed per enrolment, added per lecture, changed and
// removed by id. Both are private to their author: anyone else — staff and admins too — gets 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { IdParams } from './common.schemas.ts';
import { DrfPage, drfPage, pageRequest } from './paging.ts';
import {
  AnnotationListQuery,
  BookmarkBody,
  BookmarkOut,
  BookmarkPatchBody,
  NoteBody,
  NoteOut,
  NotePatchBody,
} from './progress.schemas.ts';
import { defaultBookmarkTitle, toBookmarkOut, toNoteOut } from './serializers/progress.ts';

const PRIVATE = 'Private to its author: anyone else (staff and admins too) gets 404.';
const ON_LECTURE =
  "Through the caller's enrolment in the lecture's course (404 when not enrolled, 409 when it is cancelled).";

export function annotationRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { bookmarks, notes } = modules.learning;
    const tags = ['annotations'];

    app.get(
      '/enrollments/:id/bookmarks/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoListBookmarks',
          summary: 'List bookmarks',
          description: `The bookmarks of my enrolment, by lecture and position; \`lecture\` filters. ${PRIVATE}`,
          tags,
          params: IdParams,
          querystring: AnnotationListQuery,
          response: { 200: Described(DrfPage(BookmarkOut), 'A page of bookmarks.') },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await bookmarks.list(actorOf(request), request.params.id, {
          ...pageRequest(q),
          lessonId: q.lecture,
        });
        return drfPage(request, config.publicUrl, q, page, toBookmarkOut);
      },
    );

    app.post(
      '/lectures/:id/bookmarks/',
      {
        config: { auth: 'user', location: '/bookmarks/{id}/' },
        schema: {
          operationId: 'djangoAddBookmark',
          summary: 'Add a bookmark',
          description: `${ON_LECTURE} \`timestamp_seconds\` is required; \`title\` defaults to "Bookmark at m:ss".`,
          tags,
          params: IdParams,
          body: BookmarkBody,
          response: { 201: Described(BookmarkOut, 'The bookmark.') },
        },
      },
      async (request, reply) => {
        const { timestamp_seconds, title } = request.body;
        const bookmark = await bookmarks.create(actorOf(request), {
          lessonId: request.params.id,
          timestamp_seconds,
          text: title ?? defaultBookmarkTitle(timestamp_seconds),
        });
        return reply.status(201).send(toBookmarkOut(bookmark));
      },
    );

    app.get(
      '/bookmarks/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoGetBookmark',
          summary: 'Get a bookmark',
          description: PRIVATE,
          tags,
          params: IdParams,
          response: { 200: Described(BookmarkOut, 'The bookmark.') },
        },
      },
      async (request) => toBookmarkOut(await bookmarks.get(actorOf(request), request.params.id)),
    );

    for (const method of ['put', 'patch'] as const) {
      app[method](
        '/bookmarks/:id/',
        {
          config: { auth: 'user' },
          schema: {
            operationId: method === 'put' ? 'djangoReplaceBookmark' : 'djangoUpdateBookmark',
            summary: method === 'put' ? 'Update a bookmark (full)' : 'Update a bookmark (partial)',
            description: `${PRIVATE} ${method === 'put' ? '`timestamp_seconds` is required; a title left out goes back to the default.' : 'Only the fields sent change.'}`,
            tags,
            params: IdParams,
            body: method === 'put' ? BookmarkBody : BookmarkPatchBody,
            response: { 200: Described(BookmarkOut, 'The bookmark.') },
          },
        },
        async (request) => {
          const { timestamp_seconds, title } = request.body;
          const text =
            method === 'put' && timestamp_seconds !== undefined
              ? (title ?? defaultBookmarkTitle(timestamp_seconds))
              : title;
          return toBookmarkOut(
            await bookmarks.update(actorOf(request), request.params.id, { timestamp_seconds, text }),
          );
        },
      );
    }

    app.delete(
      '/bookmarks/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoDeleteBookmark',
          summary: 'Delete a bookmark',
          description: PRIVATE,
          tags,
          params: IdParams,
          response: { 204: Described(NoContent, 'Deleted.') },
        },
      },
      async (request, reply) => {
        await bookmarks.remove(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/enrollments/:id/notes/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoListNotes',
          summary: 'List notes',
          description: `The notes of my enrolment, by lecture and position; \`lecture\` filters. ${PRIVATE}`,
          tags,
          params: IdParams,
          querystring: AnnotationListQuery,
          response: { 200: Described(DrfPage(NoteOut), 'A page of notes.') },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await notes.list(actorOf(request), request.params.id, { ...pageRequest(q), lessonId: q.lecture });
        return drfPage(request, config.publicUrl, q, page, toNoteOut);
      },
    );

    app.post(
      '/lectures/:id/notes/',
      {
        config: { auth: 'user', location: '/notes/{id}/' },
        schema: {
          operationId: 'djangoAddNote',
          summary: 'Add a note',
          description: `${ON_LECTURE} \`content\` is required; \`timestamp_seconds\` defaults to 0.`,
          tags,
          params: IdParams,
          body: NoteBody,
          response: { 201: Described(NoteOut, 'The note.') },
        },
      },
      async (request, reply) => {
        const { content, timestamp_seconds } = request.body;
        const note = await notes.create(actorOf(request), {
          lessonId: request.params.id,
          timestamp_seconds,
          text: content,
        });
        return reply.status(201).send(toNoteOut(note));
      },
    );

    app.get(
      '/notes/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoGetNote',
          summary: 'Get a note',
          description: PRIVATE,
          tags,
          params: IdParams,
          response: { 200: Described(NoteOut, 'The note.') },
        },
      },
      async (request) => toNoteOut(await notes.get(actorOf(request), request.params.id)),
    );

    for (const method of ['put', 'patch'] as const) {
      app[method](
        '/notes/:id/',
        {
          config: { auth: 'user' },
          schema: {
            operationId: method === 'put' ? 'djangoReplaceNote' : 'djangoUpdateNote',
            summary: method === 'put' ? 'Update a note (full)' : 'Update a note (partial)',
            description: `${PRIVATE} ${method === 'put' ? '`content` is required; a position left out goes back to 0.' : 'Only the fields sent change.'}`,
            tags,
            params: IdParams,
            body: method === 'put' ? NoteBody : NotePatchBody,
            response: { 200: Described(NoteOut, 'The note.') },
          },
        },
        async (request) => {
          const { content, timestamp_seconds } = request.body;
          const position = method === 'put' ? (timestamp_seconds ?? 0) : timestamp_seconds;
          return toNoteOut(
            await notes.update(actorOf(request), request.params.id, { text: content, timestamp_seconds: position }),
          );
        },
      );
    }

    app.delete(
      '/notes/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoDeleteNote',
          summary: 'Delete a note',
          description: PRIVATE,
          tags,
          params: IdParams,
          response: { 204: Described(NoContent, 'Deleted.') },
        },
      },
      async (request, reply) => {
        await notes.remove(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
