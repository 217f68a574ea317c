// The files module's public API: uploaded files (001's /files), media assets on lessons with
// their worker (presigned and tus uploads), and avatar uploads.
import type { Config } from '../../config.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import type { Links } from '../../platform/links.ts';
import type { Queue } from '../../platform/queue/index.ts';
import type { Storage } from '../../platform/storage/index.ts';
import { createAvatarService } from './avatar.service.ts';
import { createFfmpeg } from './ffmpeg.ts';
import { createFileService } from './file.service.ts';
import { createFilesPolicy } from './files.policy.ts';
import type { FilesPorts } from './files.ports.ts';
import type { StoredFile } from './files.types.ts';
import { defineMediaJobs, defineUploadCheckJobs } from './media.jobs.ts';
import { createMediaService } from './media.service.ts';
import { createMediaStatus } from './media-status.ts';
import { createMediaView } from './media-view.ts';
import { createTusUploads } from './tus-uploads.ts';
import { createVimeoProvider } from './vimeo.provider.ts';

export type * from './files.events.ts';
export type { FilesPorts } from './files.ports.ts';
export type * from './files.types.ts';
export { AVATAR_MAX_BYTES, AVATAR_MIN_BYTES } from './media.jobs.ts';
export { TUS_PATH } from './tus-uploads.ts';

export interface FilesDeps extends FilesPorts {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
  queue: Queue;
  storage: Storage;
  config: Pick<Config, 'storage' | 'uploads' | 'media' | 'ffmpegPath' | 'vimeo'>;
  links: Links;
}

/** Builds the module and defines the media worker's jobs (call before the queue starts). */
export async function createFilesModule({
  database,
  clock,
  events,
  queue,
  storage,
  catalog,
  identity,
  config,
  links,
}: FilesDeps) {
  const tus = await createTusUploads(config.storage, config.media.tusDir);
  const files = createFileService({ database, clock, storage, maxBytes: config.uploads.maxBytes });
  const policy = createFilesPolicy(catalog);
  const status = createMediaStatus({ clock, events });
  const media = createMediaService({
    database,
    clock,
    storage,
    queue,
    catalog,
    tus,
    policy,
    view: createMediaView(storage, links),
    status,
    vimeo: config.vimeo ? createVimeoProvider(config.vimeo) : undefined,
    settings: { maxBytes: config.media.maxBytes },
    links,
  });
  const avatars = createAvatarService({
    database,
    clock,
    storage,
    links,
    watchUpload: media.watchUpload,
  });
  defineMediaJobs({
    database,
    clock,
    queue,
    storage,
    status,
    identity,
    tus,
    ffmpeg: createFfmpeg(config.ffmpegPath),
    settings: { hls: config.media.hls },
    links,
  });
  defineUploadCheckJobs({ database, clock, queue, storageKind: storage.kind, checkUpload: media.checkUpload });

  return {
    uploadFile: files.upload,
    listMyFiles: files.listMine,
    getFile: files.get,
    fileDownloadUrl: files.downloadUrl,
    deleteFile: files.remove,
    /** A file the actor may attach (assignment submissions): not_found unless owner or admin. */
    getFileForActor: (actor: Actor, fileId: string): Promise<StoredFile> => files.get(actor, fileId),
    /** A signed link to a file whose reader the calling module has checked (chat attachments). */
    signedFileUrl: files.signedUrlOf,

    presignLessonMedia: media.presignLessonUpload,
    uploadLessonVideo: media.uploadLessonVideo,
    createResumableUpload: media.createResumableUpload,
    /** Finishes an upload; for a Vimeo asset, asks Vimeo whether it is transcoded (ready/failed). */
    completeMediaUpload: media.complete,
    getMediaAsset: media.get,
    listLessonMedia: media.listForLesson,
    /** The visible assets of several lessons at once, by lesson id (003's materials of a section). */
    listLessonsMedia: media.listForLessons,
    deleteMediaAsset: media.remove,
    /** 000's Vimeo paths: a lesson video by asset id or Vimeo id; Vimeo is told first for its videos. */
    updateVideoMetadata: media.updateVideoMetadata,
    deleteVideo: media.deleteVideo,
    mediaHlsPlaylist: media.hlsPlaylist,

    presignAvatar: avatars.presign,
    avatarImageUrl: avatars.imageUrl,

    /** Asked by the local storage endpoint before it stores an object, and told after. */
    acceptsUpload: media.acceptsUpload,
    objectUploaded: media.objectUploaded,
    /** The tus protocol's data store, and the hook the tus endpoint calls on the last byte. */
    tusDatastore: tus.datastore,
    tusUploadFinished: media.tusUploadFinished,
  };
}

export type FilesModule = Awaited<ReturnType<typeof createFilesModule>>;
