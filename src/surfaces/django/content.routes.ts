// 002's course content (category 4): sections, lectures, video and PDF content, resources.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import type { Actor } from '../../platform/actor.ts';
import { DomainError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { IdParams } from './common.schemas.ts';
import {
  LectureBody,
  LectureOut,
  LecturePatchBody,
  LectureVideoOut,
  ResourceBody,
  ResourceOut,
  SectionBody,
  SectionOut,
  SectionPatchBody,
  VideoBody,
} from './content.schemas.ts';
import { VideoUploadForm } from './content.schemas.ts';
import { DrfPage, drfPageOf, DrfPageQuery } from './paging.ts';
import {
  lectureInput,
  providerOf,
  toLectureOut,
  toResourceOut,
  toSectionOut,
  toVideoAssetOut,
} from './serializers/content.ts';

const STAFF_ONLY = "Only the course's staff (owner, co-instructors) and admins; 403 for anyone else.";
const PageOnly = Type.Object(DrfPageQuery);

export function contentRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog, files } = modules;
    const tags = ['content'];
    const publicUrl = config.publicUrl;
    await app.register(multipart, {
      limits: { fileSize: config.uploads.maxBytes + 1, files: 1, fields: 10, parts: 20 },
      throwFileSizeLimit: false,
    });

    app.get(
      '/courses/:id/sections/',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'djangoListSections',
          summary: "List a course's sections",
          description: 'In course order. A course that is not published answers 404 except to its staff.',
          tags,
          params: IdParams,
          querystring: PageOnly,
          response: { 200: Described(DrfPage(SectionOut), 'A page of sections.') },
        },
      },
      async (request) =>
        drfPageOf(
          request,
          publicUrl,
          request.query,
          (await catalog.listSections(request.actor, request.params.id)).map(toSectionOut),
        ),
    );

    app.post(
      '/courses/:id/sections/',
      {
        config: { auth: 'user', location: '/sections/{id}/' },
        schema: {
          operationId: 'djangoCreateSection',
          summary: 'Create a section',
          description: STAFF_ONLY,
          tags,
          params: IdParams,
          body: SectionBody,
          response: { 201: Described(SectionOut, 'The section.') },
        },
      },
      async (request, reply) => {
        const { title, description, order_index } = request.body;
        const section = await catalog.createSection(actorOf(request), request.params.id, {
          title,
          ...(description !== undefined ? { description } : {}),
          ...(order_index !== undefined ? { position: order_index } : {}),
        });
        return reply.status(201).send(toSectionOut(section));
      },
    );

    for (const method of ['put', 'patch'] as const) {
      app[method](
        '/sections/:id/',
        {
          config: { auth: 'user' },
          schema: {
            operationId: method === 'put' ? 'djangoReplaceSection' : 'djangoUpdateSection',
            summary: method === 'put' ? 'Update a section (full)' : 'Update a section (partial)',
            description: `${STAFF_ONLY} ${method === 'put' ? '`title` is required.' : 'Only the fields sent change.'} \`order_index\` moves the section.`,
            tags,
            params: IdParams,
            body: method === 'put' ? SectionBody : SectionPatchBody,
            response: { 200: Described(SectionOut, 'The section.') },
          },
        },
        async (request) => {
          const { title, description, order_index } = request.body;
          const section = await catalog.updateSection(actorOf(request), request.params.id, {
            ...(title !== undefined ? { title } : {}),
            ...(description !== undefined ? { description } : {}),
            ...(order_index !== undefined ? { position: order_index } : {}),
          });
          return toSectionOut(section);
        },
      );
    }

    app.get(
      '/sections/:id/lectures/',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'djangoListLectures',
          summary: "List a section's lectures",
          description:
            'In order. Content (text, video URL) only for staff, enrolled students and free previews; null otherwise.',
          tags,
          params: IdParams,
          querystring: PageOnly,
          response: { 200: Described(DrfPage(LectureOut), 'A page of lectures.') },
        },
      },
      async (request) =>
        drfPageOf(
          request,
          publicUrl,
          request.query,
          (await catalog.listSectionLessons(request.actor, request.params.id)).map(toLectureOut),
        ),
    );

    app.post(
      '/sections/:id/lectures/',
      {
        config: { auth: 'user', location: '/lectures/{id}/' },
        schema: {
          operationId: 'djangoCreateLecture',
          summary: 'Create a lecture',
          description: `${STAFF_ONLY} The lecture is visible at once (published).`,
          tags,
          params: IdParams,
          body: LectureBody,
          response: { 201: Described(LectureOut, 'The lecture.') },
        },
      },
      async (request, reply) => {
        const lesson = await catalog.createSectionLesson(actorOf(request), request.params.id, {
          ...lectureInput(request.body),
          title: request.body.title,
          ...(request.body.order_index !== undefined ? { position: request.body.order_index } : {}),
        });
        return reply.status(201).send(toLectureOut(lesson));
      },
    );

    app.get(
      '/lectures/:id/',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'djangoGetLecture',
          summary: 'Get a lecture',
          description:
            'With its content for staff, enrolled students and free previews; 403 for a locked lecture, 404 for a hidden one. A lecture whose video was uploaded (`video_provider: upload`) shows the file in `video_asset`, with a signed `url` once processed.',
          tags,
          params: IdParams,
          response: { 200: Described(LectureVideoOut, 'The lecture.') },
        },
      },
      async (request) => {
        const lesson = await catalog.getLesson(request.actor, request.params.id);
        if (lesson.video_provider !== 'upload') return toLectureOut(lesson);
        // An uploaded video lives in the media module: show the latest one the caller may see.
        const videos = (await files.listLessonMedia(request.actor, lesson.id)).filter((asset) =>
          asset.content_type.startsWith('video/'),
        );
        const latest = videos.at(-1);
        return { ...toLectureOut(lesson), ...(latest ? { video_asset: toVideoAssetOut(latest) } : {}) };
      },
    );

    for (const method of ['put', 'patch'] as const) {
      app[method](
        '/lectures/:id/',
        {
          config: { auth: 'user' },
          schema: {
            operationId: method === 'put' ? 'djangoReplaceLecture' : 'djangoUpdateLecture',
            summary: method === 'put' ? 'Update a lecture (full)' : 'Update a lecture (partial)',
            description: `${STAFF_ONLY} ${method === 'put' ? '`title` is required.' : 'Only the fields sent change.'} \`order_index\` moves the lecture within its section.`,
            tags,
            params: IdParams,
            body: method === 'put' ? LectureBody : LecturePatchBody,
            response: { 200: Described(LectureOut, 'The lecture.') },
          },
        },
        async (request) => {
          const actor = actorOf(request);
          let lesson = await catalog.updateLesson(actor, request.params.id, lectureInput(request.body));
          if (request.body.order_index !== undefined) {
            lesson = await catalog.moveLesson(actor, lesson.id, {
              sectionId: lesson.section_id,
              position: request.body.order_index,
            });
          }
          return toLectureOut(lesson);
        },
      );
    }

    app.post(
      '/lectures/:id/video/',
      {
        config: { auth: 'user', location: '/lectures/{id}/' },
        schema: {
          operationId: 'djangoSetLectureVideo',
          summary: "Set or upload a lecture's video",
          description: `${STAFF_ONLY} Either JSON with a hosted video — \`video_url\` and \`video_provider\` (guessed from the URL when left out: vimeo, youtube, wistia, else url) — or \`multipart/form-data\` with the video file in the part \`file\`. An uploaded file is typed by its bytes (anything but a video answers 415; over MEDIA_MAX_BYTES 413), stored through the media module and processed by the media worker like 001's uploads; \`video_provider\` becomes \`upload\` and \`video_asset\` shows the file. Either way the lecture becomes a \`video\` lecture.`,
          tags,
          params: IdParams,
          body: {
            content: {
              'application/json': { schema: VideoBody },
              'multipart/form-data': { schema: VideoUploadForm },
            },
          },
          response: { 201: Described(LectureVideoOut, 'The lecture with its video.') },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (request.isMultipart()) {
          const part = await request.file({ limits: { fileSize: config.media.maxBytes + 1 } });
          if (!part || part.fieldname !== 'file') throw invalid('No file was submitted.', 'file');
          const asset = await files.uploadLessonVideo(actor, request.params.id, {
            filename: part.filename,
            body: part.file,
          });
          const lesson = await catalog.updateLesson(actor, request.params.id, {
            type: 'video',
            video_url: null,
            video_provider: 'upload',
          });
          return reply.status(201).send({ ...toLectureOut(lesson), video_asset: toVideoAssetOut(asset) });
        }
        const { video_url, video_provider, duration_seconds } = request.body as Static<typeof VideoBody>;
        const lesson = await catalog.updateLesson(actor, request.params.id, {
          type: 'video',
          video_url,
          video_provider: video_provider ?? providerOf(video_url),
          ...(duration_seconds !== undefined ? { duration_seconds } : {}),
        });
        return reply.status(201).send(toLectureOut(lesson));
      },
    );

    app.post(
      '/lectures/:id/pdf/',
      {
        config: { auth: 'user', location: '/lectures/{lecture}/resources/' },
        schema: {
          operationId: 'djangoUploadLecturePdf',
          summary: "Upload a lecture's PDF",
          description: `${STAFF_ONLY} \`multipart/form-data\` with the PDF in the part \`file\` (and an optional \`title\`). The type is sniffed from the bytes: anything but a PDF answers 415; over the upload limit 413. The PDF becomes a file resource of the lecture, and the lecture a \`pdf\` lecture.`,
          tags,
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: { 201: Described(ResourceOut, 'The PDF, as a lecture resource.') },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!request.isMultipart()) throw invalid('Send the PDF as multipart/form-data in the "file" part.', 'file');
        // Refuse before storing anything when the caller may not change the lecture.
        await requireLectureStaff(actor, request.params.id);
        const part = await request.file();
        if (!part || part.fieldname !== 'file') throw invalid('No file was submitted.', 'file');
        const stored = await files.uploadFile(actor, { filename: part.filename, body: part.file });
        if (stored.content_type !== 'application/pdf') {
          throw new DomainError('unsupported_media_type', 'NOT_A_PDF', 'The uploaded file is not a PDF.');
        }
        const title =
          typeof part.fields['title'] === 'object' && 'value' in part.fields['title']
            ? String(part.fields['title'].value)
            : part.filename;
        const resource = await catalog.addLessonResource(actor, request.params.id, {
          kind: 'file',
          title: title.slice(0, 200) || 'PDF',
          file_id: stored.id,
        });
        await catalog.updateLesson(actor, request.params.id, { type: 'pdf' });
        return reply.status(201).send(toResourceOut(resource));
      },
    );

    app.get(
      '/lectures/:id/resources/',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'djangoListLectureResources',
          summary: "List a lecture's resources",
          description: 'For whoever may read the lecture (staff, enrolled students, free previews).',
          tags,
          params: IdParams,
          querystring: PageOnly,
          response: { 200: Described(DrfPage(ResourceOut), 'A page of resources.') },
        },
      },
      async (request) =>
        drfPageOf(
          request,
          publicUrl,
          request.query,
          (await catalog.listLessonResources(request.actor, request.params.id)).map(toResourceOut),
        ),
    );

    app.post(
      '/lectures/:id/resources/',
      {
        config: { auth: 'user', location: '/lectures/{lecture}/resources/' },
        schema: {
          operationId: 'djangoAddLectureResource',
          summary: 'Add a resource',
          description: `${STAFF_ONLY} A link resource: \`title\` and \`url\`. Files come through \`POST /api/lectures/{id}/pdf/\`.`,
          tags,
          params: IdParams,
          body: ResourceBody,
          response: { 201: Described(ResourceOut, 'The resource.') },
        },
      },
      async (request, reply) => {
        const resource = await catalog.addLessonResource(actorOf(request), request.params.id, {
          kind: 'link',
          title: request.body.title,
          url: request.body.url,
        });
        return reply.status(201).send(toResourceOut(resource));
      },
    );

    /** An unknown lecture is 404, someone else's 403, as the catalog's own writes answer. */
    async function requireLectureStaff(actor: Actor, lectureId: string): Promise<void> {
      const lecture = await catalog.getLessonSummary(lectureId);
      if (!lecture) throw notFound('Lecture', lectureId);
      if (!(await catalog.isCourseStaff(actor, lecture.course_id))) throw forbidden();
    }
  };
}
