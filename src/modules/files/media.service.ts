// Media assets on lessons (003's presign flow and 000's resumable `upload_link`): an asset is
// `uploading` until its bytes arrive, `processing` while the media worker probes it, then
// `ready` or `failed` with a reason.
import { randomUUID } from 'node:crypto';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { randomToken } from '../../platform/crypto.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { Tx } from '../../platform/db/index.ts';
import { DomainError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { Links } from '../../platform/links.ts';
import type { Queue } from '../../platform/queue/index.ts';
import type { Storage } from '../../platform/storage/index.ts';
import { LESSON_MEDIA_TYPES, sniffContentType } from './content-sniff.ts';
import { cleanName } from './file.service.ts';
import {
  assetNotFound,
  declaredTypeNotAllowed,
  emptyUpload,
  sizeOutOfRange,
  typeNotAllowed,
  uploadExpired,
  uploadNotReceived,
} from './files.errors.ts';
import type { FilesPolicy } from './files.policy.ts';
import type { FilesPorts } from './files.ports.ts';
import type { MediaAssetRow } from './files.tables.ts';
import type {
  MediaAsset,
  PresignedMediaUpload,
  PresignInput,
  ResumableUpload,
  ResumableUploadInput,
  UploadFileInput,
  VideoMetadataInput,
  VideoWithMetadata,
} from './files.types.ts';
import { startIngest } from './ingest.ts';
import {
  MEDIA_PROCESS_JOB,
  MEDIA_UPLOAD_CHECK_JOB,
  MEDIA_WATCHDOG_JOB,
  UPLOAD_CHECK_FIRST_DELAY_SECONDS,
  UPLOAD_CHECK_GRACE_MS,
  WATCHDOG_DELAY_SECONDS,
} from './media.jobs.ts';
import { mediaRepo } from './media.repo.ts';
import type { MediaStatusChanges } from './media-status.ts';
import type { MediaView } from './media-view.ts';
import type { TusUploads } from './tus-uploads.ts';
import type { VimeoProvider } from './vimeo.provider.ts';

export interface MediaServiceDeps {
  database: DatabaseHandle;
  clock: Clock;
  storage: Storage;
  queue: Queue;
  catalog: FilesPorts['catalog'];
  tus: TusUploads;
  policy: FilesPolicy;
  view: MediaView;
  status: MediaStatusChanges;
  /** Set when VIMEO_ACCESS_TOKEN is: resumable uploads then go to Vimeo instead of Lectern's tus. */
  vimeo: VimeoProvider | undefined;
  settings: { maxBytes: number };
  links: Pick<Links, 'api'>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PRESIGN_TTL_SECONDS = 3600;
const TUS_TTL_SECONDS = 24 * 3600;

const EXTENSIONS: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'video/x-matroska': 'mkv',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/wav': 'wav',
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

export function createMediaService({
  database,
  clock,
  storage,
  queue,
  catalog,
  tus,
  policy,
  view,
  status,
  vimeo,
  settings,
  links,
}: MediaServiceDeps) {
  const { db } = database;

  /** The lesson's course when the actor may change it. */
  async function editableLesson(actor: Actor, lessonId: string): Promise<{ id: string; course_id: string }> {
    const lesson = await catalog.getLessonSummary(lessonId);
    if (!lesson) throw notFound('Lesson', lessonId);
    if (!(await policy.canUploadToCourse(actor, lesson.course_id)))
      throw forbidden('Only the course staff may upload media');
    return lesson;
  }

  /**
   * canViewAsset for many assets of few lessons: the answer depends on the uploader, the lesson
   * and the status only, so each distinct combination is asked once.
   */
  function memoizedViewCheck(actor: Actor | null): (row: MediaAssetRow) => Promise<boolean> {
    const answers = new Map<string, Promise<boolean>>();
    return (row) => {
      const key = `${row.owner_id}|${row.lesson_id}|${row.course_id}|${row.status}|${row.purpose}`;
      let answer = answers.get(key);
      if (!answer) {
        answer = policy.canViewAsset(actor, row);
        answers.set(key, answer);
      }
      return answer;
    };
  }

  async function managed(actor: Actor, id: string): Promise<MediaAssetRow> {
    const row = await mediaRepo.findById(db, id);
    if (!row) throw assetNotFound(id);
    if (!(await policy.canManageAsset(actor, row))) {
      if (await policy.canViewAsset(actor, row)) throw forbidden();
      throw assetNotFound(id);
    }
    return row;
  }

  /**
   * A lesson video by its asset id or its Vimeo id, for its uploader, the course's staff or an
   * admin (403 for readers of the lesson, 404 for anyone else).
   */
  async function managedVideo(actor: Actor, ref: string): Promise<MediaAssetRow> {
    const row = UUID.test(ref) ? await mediaRepo.findById(db, ref) : await mediaRepo.findByVimeoId(db, ref);
    if (!row || row.purpose !== 'lesson') throw assetNotFound(ref);
    return managed(actor, row.id);
  }

  function vimeoOf(row: MediaAssetRow): { provider: VimeoProvider; videoId: string } | undefined {
    if (row.provider !== 'vimeo' || !row.vimeo_id) return undefined;
    if (!vimeo)
      throw new DomainError('unavailable', 'MEDIA_VIMEO_UNAVAILABLE', 'Vimeo is not configured on this server');
    return { provider: vimeo, videoId: row.vimeo_id };
  }

  async function removeRow(row: MediaAssetRow): Promise<void> {
    await mediaRepo.delete(db, row.id);
    await Promise.all([
      storage.delete(row.storage_key),
      row.thumbnail_key ? storage.delete(row.thumbnail_key) : undefined,
      row.served_key ? storage.delete(row.served_key) : undefined,
      row.upload_id ? tus.remove(row.upload_id) : undefined,
    ]);
  }

  /** Moves an uploaded asset to `processing` and queues the worker, in one transaction. */
  async function startProcessing(row: MediaAssetRow, sizeBytes: number | null): Promise<MediaAssetRow> {
    return database.transaction((tx) => queueProcessing(tx, row, sizeBytes));
  }

  async function queueProcessing(tx: Tx, row: MediaAssetRow, sizeBytes: number | null): Promise<MediaAssetRow> {
    const moved = await mediaRepo.transition(tx, row.id, ['uploading'], {
      status: 'processing',
      size_bytes: sizeBytes,
      updated_at: clock.now(),
    });
    if (!moved) return (await mediaRepo.findById(tx, row.id)) ?? row;
    await queue.send(MEDIA_PROCESS_JOB, { assetId: row.id }, { tx, singletonKey: row.id });
    await queue.send(MEDIA_WATCHDOG_JOB, { assetId: row.id }, { tx, startAfter: WATCHDOG_DELAY_SECONDS });
    return moved;
  }

  /** A Vimeo asset is transcoded at Vimeo: ask Vimeo (no transaction is open) and record its answer. */
  async function refreshVimeo(row: MediaAssetRow): Promise<MediaAssetRow> {
    if (row.status !== 'uploading' && row.status !== 'processing') return row;
    if (!vimeo || !row.vimeo_id)
      throw new DomainError('unavailable', 'MEDIA_VIMEO_UNAVAILABLE', 'Vimeo is not configured on this server');
    const video = await vimeo.videoState(row.vimeo_id);
    const from: MediaAssetRow['status'][] = ['uploading', 'processing'];
    const changed = await database.transaction(async (tx) => {
      if (video.state === 'ready')
        return status.ready(tx, row.id, from, {
          size_bytes: row.declared_size_bytes,
          duration_seconds: video.durationSeconds,
          external_thumbnail_url: video.thumbnailUrl,
        });
      if (video.state === 'failed') return status.failed(tx, row.id, from, video.reason);
      return mediaRepo.transition(tx, row.id, ['uploading'], { status: 'processing', updated_at: clock.now() });
    });
    return changed ?? (await mediaRepo.findById(db, row.id)) ?? row;
  }

  /**
   * Where storage says nothing when an object arrives (S3), the worker looks for it: the first
   * check of the asset's chain, queued with the asset in the caller's transaction.
   */
  async function watchUpload(tx: Tx, assetId: string): Promise<void> {
    if (storage.kind === 'local') return; // the local PUT endpoint reports each upload itself
    await queue.send(MEDIA_UPLOAD_CHECK_JOB, { assetId }, { tx, startAfter: UPLOAD_CHECK_FIRST_DELAY_SECONDS });
  }

  async function completeRow(row: MediaAssetRow): Promise<MediaAssetRow> {
    if (row.provider === 'vimeo') return refreshVimeo(row);
    if (row.status !== 'uploading') return row;
    if (row.provider === 'tus') {
      const offset = await tus.offset(row.upload_id ?? '');
      if (offset === undefined || offset < row.declared_size_bytes) {
        if (row.upload_expires_at < clock.now()) throw uploadExpired(row.id);
        throw uploadNotReceived(row.id);
      }
      return startProcessing(row, Number(row.declared_size_bytes));
    }
    const stored = await storage.stat(row.storage_key);
    if (!stored) {
      if (row.upload_expires_at < clock.now()) throw uploadExpired(row.id);
      throw uploadNotReceived(row.id);
    }
    if (stored.size === 0 || stored.size > Number(row.declared_size_bytes)) {
      await storage.delete(row.storage_key);
      const reason =
        stored.size === 0 ? 'the upload was empty' : `the upload (${stored.size} bytes) is larger than declared`;
      return (await database.transaction((tx) => status.failed(tx, row.id, ['uploading'], reason))) ?? row;
    }
    return startProcessing(row, stored.size);
  }

  return {
    async presignLessonUpload(actor: Actor, lessonId: string, input: PresignInput): Promise<PresignedMediaUpload> {
      const lesson = await editableLesson(actor, lessonId);
      const extension = EXTENSIONS[input.content_type];
      if (!extension || !LESSON_MEDIA_TYPES.has(input.content_type))
        throw declaredTypeNotAllowed('content_type', input.content_type);
      if (input.file_size < 1 || input.file_size > settings.maxBytes)
        throw sizeOutOfRange('file_size', 1, settings.maxBytes);
      const id = randomUUID();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + PRESIGN_TTL_SECONDS * 1000);
      const row = await database.transaction(async (tx) => {
        const inserted = await mediaRepo.insert(tx, {
          id,
          owner_id: actor.id,
          purpose: 'lesson',
          lesson_id: lesson.id,
          course_id: lesson.course_id,
          storage_key: `media/${id}/source.${extension}`,
          original_name: cleanName(input.file_name ?? '') || `upload.${extension}`,
          content_type: input.content_type,
          declared_size_bytes: input.file_size,
          upload_expires_at: expiresAt,
          created_at: now,
          updated_at: now,
        });
        await watchUpload(tx, inserted.id);
        return inserted;
      });
      const upload = await storage.signedUploadUrl(row.storage_key, {
        contentType: input.content_type,
        maxBytes: input.file_size,
        expiresInSeconds: PRESIGN_TTL_SECONDS,
      });
      return {
        asset: await view.toMediaAsset(row),
        upload_url: upload.url,
        upload_method: 'PUT',
        upload_headers: upload.headers,
        expires_at: expiresAt,
      };
    },

    /**
     * A lesson video sent through the server (002's multipart `lectures/{id}/video/`): refused
     * before a byte is read unless the actor is course staff, typed by its bytes (a video, else
     * 415), streamed to storage, then processed by the media worker like a presigned upload.
     */
    async uploadLessonVideo(actor: Actor, lessonId: string, input: UploadFileInput): Promise<MediaAsset> {
      const lesson = await editableLesson(actor, lessonId);
      const ingest = await startIngest(input.body, settings.maxBytes);
      if (ingest.head.length === 0) throw emptyUpload();
      const sniffed = await sniffContentType(ingest.head, input.filename);
      if (!sniffed || !LESSON_MEDIA_TYPES.has(sniffed.contentType) || !sniffed.contentType.startsWith('video/')) {
        await ingest.discard();
        throw typeNotAllowed(sniffed?.contentType);
      }
      const id = randomUUID();
      const key = `media/${id}/source.${EXTENSIONS[sniffed.contentType] ?? sniffed.extension}`;
      await storage.put(key, ingest.body, { contentType: sniffed.contentType });
      const now = clock.now();
      try {
        const row = await database.transaction(async (tx) => {
          const inserted = await mediaRepo.insert(tx, {
            id,
            owner_id: actor.id,
            purpose: 'lesson',
            lesson_id: lesson.id,
            course_id: lesson.course_id,
            storage_key: key,
            original_name: cleanName(input.filename) || `upload.${sniffed.extension}`,
            content_type: sniffed.contentType,
            declared_size_bytes: ingest.size(),
            upload_expires_at: now,
            created_at: now,
            updated_at: now,
          });
          return queueProcessing(tx, inserted, ingest.size());
        });
        return await view.toMediaAsset(row);
      } catch (error) {
        await storage.delete(key).catch(() => undefined);
        throw error;
      }
    },

    /**
     * A tus upload for a lesson (or a course's) video: 000's `vimeo/upload` `upload_link`, at
     * Vimeo when a Vimeo token is configured, else at Lectern's own tus endpoint.
     */
    async createResumableUpload(actor: Actor, input: ResumableUploadInput): Promise<ResumableUpload> {
      let lessonId: string | null = null;
      let courseId: string;
      if (input.lesson_id) {
        const lesson = await editableLesson(actor, input.lesson_id);
        lessonId = lesson.id;
        courseId = lesson.course_id;
      } else if (input.course_id) {
        const course = await catalog.getCourseSummary(input.course_id);
        if (!course) throw notFound('Course', input.course_id);
        if (!(await policy.canUploadToCourse(actor, course.id)))
          throw forbidden('Only the course staff may upload media');
        courseId = course.id;
      } else {
        throw invalid('lesson_id or course_id is required', 'course_id');
      }
      const contentType = input.content_type ?? 'video/mp4';
      const extension = EXTENSIONS[contentType];
      if (!extension || !contentType.startsWith('video/')) throw declaredTypeNotAllowed('content_type', contentType);
      if (input.size < 1 || input.size > settings.maxBytes) throw sizeOutOfRange('size', 1, settings.maxBytes);
      const id = randomUUID();
      if (vimeo) {
        // Vimeo holds the bytes and transcodes them: no storage object and no worker job here.
        const video = await vimeo.createUpload({ name: input.name, description: input.description, size: input.size });
        const now = clock.now();
        const expiresAt = new Date(now.getTime() + TUS_TTL_SECONDS * 1000);
        const row = await mediaRepo.insert(db, {
          id,
          owner_id: actor.id,
          purpose: 'lesson',
          lesson_id: lessonId,
          course_id: courseId,
          provider: 'vimeo',
          vimeo_id: video.videoId,
          description: input.description ?? null,
          storage_key: `media/${id}/vimeo`,
          original_name: cleanName(input.name) || `video.${extension}`,
          content_type: contentType,
          declared_size_bytes: input.size,
          upload_expires_at: expiresAt,
          created_at: now,
          updated_at: now,
        });
        return {
          asset: await view.toMediaAsset(row),
          upload_link: video.uploadLink,
          upload_id: video.videoId,
          expires_at: expiresAt,
        };
      }
      const uploadId = randomToken(24);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + TUS_TTL_SECONDS * 1000);
      await tus.create(uploadId, input.size, { filetype: contentType, name: input.name });
      const row = await mediaRepo.insert(db, {
        id,
        owner_id: actor.id,
        purpose: 'lesson',
        lesson_id: lessonId,
        course_id: courseId,
        provider: 'tus',
        upload_id: uploadId,
        description: input.description ?? null,
        storage_key: `media/${id}/source.${extension}`,
        original_name: cleanName(input.name) || `video.${extension}`,
        content_type: contentType,
        declared_size_bytes: input.size,
        upload_expires_at: expiresAt,
        created_at: now,
        updated_at: now,
      });
      return {
        asset: await view.toMediaAsset(row),
        upload_link: links.api(`${tus.basePath}/${uploadId}`),
        upload_id: uploadId,
        expires_at: expiresAt,
      };
    },

    /** The client says its upload is done (003's optional notification; required on S3). */
    async complete(actor: Actor, assetId: string): Promise<MediaAsset> {
      return view.toMediaAsset(await completeRow(await managed(actor, assetId)));
    },

    /** Whether Lectern's own storage may (still) take bytes for this key: an asset's once only. */
    async acceptsUpload(storageKey: string): Promise<boolean> {
      const row = await mediaRepo.findByStorageKey(db, storageKey);
      return !row || row.status === 'uploading';
    },

    /** Lectern's own storage received an object: complete the asset waiting for it, if any. */
    async objectUploaded(storageKey: string): Promise<void> {
      const row = await mediaRepo.findByStorageKey(db, storageKey);
      if (row) await completeRow(row);
    },

    watchUpload,

    /**
     * The worker's look for a presigned upload: completes the asset when its object is in storage;
     * `pending` while it may still arrive, `done` once handled or its link has long closed.
     */
    async checkUpload(assetId: string): Promise<{ state: 'pending' | 'done'; createdAt?: Date }> {
      const row = await mediaRepo.findById(db, assetId);
      if (!row || row.status !== 'uploading' || row.provider !== 'storage') return { state: 'done' };
      if (await storage.stat(row.storage_key)) {
        await completeRow(row);
        return { state: 'done' };
      }
      if (clock.now().getTime() > row.upload_expires_at.getTime() + UPLOAD_CHECK_GRACE_MS) return { state: 'done' };
      return { state: 'pending', createdAt: row.created_at };
    },

    /** The tus endpoint received the last byte of an upload. */
    async tusUploadFinished(uploadId: string): Promise<void> {
      const row = await mediaRepo.findByUploadId(db, uploadId);
      if (row) await completeRow(row);
    },

    async get(actor: Actor | null, assetId: string): Promise<MediaAsset> {
      const row = await mediaRepo.findById(db, assetId);
      if (!row || !(await policy.canViewAsset(actor, row))) throw assetNotFound(assetId);
      return view.toMediaAsset(row);
    },

    /**
     * The assets the actor may see on each of `lessonIds` (a section's materials at once), in
     * upload order; lessons without any are absent from the map.
     */
    async listForLessons(actor: Actor | null, lessonIds: readonly string[]): Promise<Map<string, MediaAsset[]>> {
      const rows = await mediaRepo.listForLessons(db, [...new Set(lessonIds)]);
      const byLesson = new Map<string, MediaAsset[]>();
      const canView = memoizedViewCheck(actor);
      for (const row of rows) {
        if (!row.lesson_id || !(await canView(row))) continue;
        byLesson.set(row.lesson_id, [...(byLesson.get(row.lesson_id) ?? []), await view.toMediaAsset(row)]);
      }
      return byLesson;
    },

    async listForLesson(actor: Actor | null, lessonId: string): Promise<MediaAsset[]> {
      const lesson = await catalog.getLessonSummary(lessonId);
      if (!lesson) throw notFound('Lesson', lessonId);
      const rows = await mediaRepo.listForLesson(db, lessonId);
      const visible: MediaAsset[] = [];
      for (const row of rows) if (await policy.canViewAsset(actor, row)) visible.push(await view.toMediaAsset(row));
      return visible;
    },

    /** Renames a video, changes its description or privacy: at Vimeo first for a Vimeo video. */
    async updateVideoMetadata(actor: Actor, ref: string, input: VideoMetadataInput): Promise<VideoWithMetadata> {
      const row = await managedVideo(actor, ref);
      const name = input.name?.trim().slice(0, 255);
      if (name === '') throw invalid('Name must not be empty', 'name');
      const remote = vimeoOf(row);
      if (remote) await remote.provider.updateVideo(remote.videoId, { ...input, name });
      const updated = await mediaRepo.updateMetadata(
        db,
        row.id,
        {
          ...(name !== undefined ? { original_name: name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.privacy !== undefined ? { privacy: input.privacy } : {}),
        },
        clock.now(),
      );
      return { asset: await view.toMediaAsset(updated), description: updated.description, privacy: updated.privacy };
    },

    /** Deletes a lesson video: at Vimeo first for a Vimeo video, then the asset and its bytes. */
    async deleteVideo(actor: Actor, ref: string): Promise<void> {
      const row = await managedVideo(actor, ref);
      const remote = vimeoOf(row);
      if (remote) await remote.provider.deleteVideo(remote.videoId);
      await removeRow(row);
    },

    async remove(actor: Actor, assetId: string): Promise<void> {
      await removeRow(await managed(actor, assetId));
    },

    /** 002/003 playlists: the HLS playlist with every segment as a signed link. */
    async hlsPlaylist(actor: Actor | null, assetId: string): Promise<string> {
      const row = await mediaRepo.findById(db, assetId);
      const rendition = row?.renditions[0];
      if (!row || !rendition || !(await policy.canViewAsset(actor, row))) throw assetNotFound(assetId);
      const prefix = rendition.playlist_key.slice(0, rendition.playlist_key.lastIndexOf('/') + 1);
      const chunks: Buffer[] = [];
      for await (const chunk of (await storage.get(rendition.playlist_key)) as AsyncIterable<Buffer>)
        chunks.push(chunk);
      const lines = Buffer.concat(chunks).toString('utf8').split('\n');
      const signed = await Promise.all(
        lines.map((line) =>
          line && !line.startsWith('#')
            ? storage.signedDownloadUrl(`${prefix}${line.trim()}`, { contentType: 'video/mp2t' })
            : line,
        ),
      );
      return signed.join('\n');
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
