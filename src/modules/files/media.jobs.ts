// The media worker (the seeds' "content worker"): probes an uploaded asset with ffprobe, makes a
// thumbnail (and optional HLS renditions) with ffmpeg, then marks it ready, or failed with a
// reason. Transient errors are retried; a watchdog fails an asset still processing long after
// its upload, so none stays `processing` after a crash.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import type { Updateable } from 'kysely';

import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { Links } from '../../platform/links.ts';
import type { Queue } from '../../platform/queue/index.ts';
import type { Storage } from '../../platform/storage/index.ts';
import { AVATAR_TYPES, LESSON_MEDIA_TYPES, SNIFF_BYTES, sniffContentType } from './content-sniff.ts';
import type { Ffmpeg } from './ffmpeg.ts';
import { MediaRejectedError } from './ffmpeg.ts';
import type { FilesPorts } from './files.ports.ts';
import type { MediaAssetRow, MediaAssetsTable, Rendition } from './files.tables.ts';
import { mediaRepo } from './media.repo.ts';
import type { MediaStatusChanges } from './media-status.ts';
import type { TusUploads } from './tus-uploads.ts';

export const MEDIA_PROCESS_JOB = 'media.process';
export const MEDIA_WATCHDOG_JOB = 'media.watchdog';
/** Looks in storage for one presigned upload (S3 has no upload hook), again and again until it lands or its link closes. */
export const MEDIA_UPLOAD_CHECK_JOB = 'media.upload.check';
/** Every minute, the same look for every awaited upload: a check chain broken by an outage resumes here. */
export const MEDIA_UPLOAD_SWEEP_JOB = 'media.upload.sweep';
/** First look for an upload, in seconds after its presign; later looks back off to once a minute. */
export const UPLOAD_CHECK_FIRST_DELAY_SECONDS = 2;
const UPLOAD_CHECK_MAX_DELAY_SECONDS = 60;
/** Uploads still looked for this long after their link closed (a PUT started just before it did). */
export const UPLOAD_CHECK_GRACE_MS = 5 * 60_000;
const SWEEP_BATCH = 200;
/** Retries after the first failure; after the last one the asset is marked failed. */
export const PROCESS_RETRY_LIMIT = 3;
const PROCESS_EXPIRE_SECONDS = 30 * 60;
/** Longer than every attempt could take: expiry (crash) and backoff included. */
export const WATCHDOG_DELAY_SECONDS = (PROCESS_RETRY_LIMIT + 1) * PROCESS_EXPIRE_SECONDS + 15 * 60;

export const AVATAR_MIN_BYTES = 1024;
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
const HLS_HEIGHT = 720;

export interface MediaJobDeps {
  database: DatabaseHandle;
  clock: Clock;
  queue: Queue;
  storage: Storage;
  status: MediaStatusChanges;
  identity: FilesPorts['identity'];
  tus: TusUploads;
  ffmpeg: Ffmpeg;
  settings: { hls: boolean };
  links: Pick<Links, 'avatar'>;
}

export function defineMediaJobs(deps: MediaJobDeps): void {
  const processor = createMediaProcessor(deps);
  deps.queue.define<{ assetId: string }>({
    name: MEDIA_PROCESS_JOB,
    retryLimit: PROCESS_RETRY_LIMIT,
    retryDelaySeconds: 5,
    expireInSeconds: PROCESS_EXPIRE_SECONDS,
    batchSize: 2,
    handle: ({ assetId }) => processor.process(assetId),
  });
  deps.queue.define<{ assetId: string }>({
    name: MEDIA_WATCHDOG_JOB,
    retryLimit: 5,
    handle: ({ assetId }) => processor.giveUp(assetId, 'processing did not finish in time'),
  });
}

export interface UploadCheckDeps {
  database: DatabaseHandle;
  clock: Clock;
  queue: Queue;
  /** Local storage reports every upload itself: the minute sweep runs for S3 only. */
  storageKind: Storage['kind'];
  /** Looks for the asset's bytes in storage: `pending` while awaited, `done` once handled or given up. */
  checkUpload(assetId: string): Promise<{ state: 'pending' | 'done'; createdAt?: Date }>;
}

/**
 * Completion of presigned uploads where storage tells Lectern nothing (S3): a chain of checks
 * per asset, backing off from seconds to a minute, and a sweep every minute behind it.
 */
export function defineUploadCheckJobs({ database, clock, queue, storageKind, checkUpload }: UploadCheckDeps): void {
  queue.define<{ assetId: string }>({
    name: MEDIA_UPLOAD_CHECK_JOB,
    retryLimit: 5,
    async handle({ assetId }) {
      const result = await checkUpload(assetId);
      if (result.state === 'done') return;
      const waited = (clock.now().getTime() - (result.createdAt?.getTime() ?? clock.now().getTime())) / 1000;
      const delay = Math.round(
        Math.min(UPLOAD_CHECK_MAX_DELAY_SECONDS, Math.max(UPLOAD_CHECK_FIRST_DELAY_SECONDS, waited)),
      );
      await queue.send(MEDIA_UPLOAD_CHECK_JOB, { assetId }, { startAfter: delay });
    },
  });
  if (storageKind === 'local') return;
  queue.define<object>({
    name: MEDIA_UPLOAD_SWEEP_JOB,
    cron: '* * * * *',
    retryLimit: 0,
    async handle() {
      const since = new Date(clock.now().getTime() - UPLOAD_CHECK_GRACE_MS);
      for (const { id } of await mediaRepo.listAwaitingUpload(database.db, since, SWEEP_BATCH)) await checkUpload(id);
    },
  });
}

export function createMediaProcessor({
  database,
  storage,
  status,
  identity,
  tus,
  ffmpeg,
  settings,
  links,
}: MediaJobDeps) {
  const { db } = database;

  async function fail(assetId: string, reason: string): Promise<void> {
    await database.transaction((tx) => status.failed(tx, assetId, ['processing'], reason));
  }

  /** Brings a finished tus upload into storage under the asset's key. */
  async function collectTusUpload(asset: MediaAssetRow): Promise<void> {
    if (asset.provider !== 'tus' || !asset.upload_id) return;
    if (!(await storage.stat(asset.storage_key))) {
      await storage.put(asset.storage_key, await tus.open(asset.upload_id), {
        contentType: asset.content_type,
        size: Number(asset.declared_size_bytes),
      });
    }
    await tus.remove(asset.upload_id);
  }

  async function inspect(asset: MediaAssetRow, workDir: string): Promise<Updateable<MediaAssetsTable>> {
    const source = join(workDir, 'source');
    await pipeline(await storage.get(asset.storage_key), createWriteStream(source));
    const handle = await open(source);
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    await handle.close();
    const sniffed = await sniffContentType(head, asset.original_name);

    if (asset.purpose === 'avatar') {
      if (!sniffed || !AVATAR_TYPES.has(sniffed.contentType))
        throw new MediaRejectedError('avatars must be JPEG, PNG or WebP images');
      if (size < AVATAR_MIN_BYTES || size > AVATAR_MAX_BYTES)
        throw new MediaRejectedError(`avatars must be between ${AVATAR_MIN_BYTES} and ${AVATAR_MAX_BYTES} bytes`);
      const { reencodeAvatar } = await import('./avatar-image.ts'); // sharp, loaded when first needed
      const image = await reencodeAvatar(source, sniffed.contentType);
      const servedKey = servedAvatarKey(asset.storage_key);
      await storage.put(servedKey, image.data, { contentType: sniffed.contentType, size: image.data.length });
      return {
        content_type: sniffed.contentType,
        size_bytes: size,
        width: image.width,
        height: image.height,
        served_key: servedKey,
      };
    }
    if (!sniffed || !LESSON_MEDIA_TYPES.has(sniffed.contentType)) {
      throw new MediaRejectedError(
        sniffed ? `files of type ${sniffed.contentType} are not accepted` : 'unrecognised file type',
      );
    }
    const changes: Updateable<MediaAssetsTable> = { content_type: sniffed.contentType, size_bytes: size };
    if (sniffed.contentType === 'application/pdf') return changes;
    const probe = await ffmpeg.probe(source);
    Object.assign(changes, {
      duration_seconds: sniffed.contentType.startsWith('image/') ? null : probe.durationSeconds,
      width: probe.width,
      height: probe.height,
    });
    if (!probe.hasVideo || sniffed.contentType.startsWith('image/')) return changes;

    const thumbnail = join(workDir, 'thumbnail.jpg');
    const at = Math.min(1, (probe.durationSeconds ?? 0) / 2);
    await ffmpeg.thumbnail(source, thumbnail, at);
    const thumbnailKey = `media/${asset.id}/thumbnail.jpg`;
    await storage.put(thumbnailKey, await readFile(thumbnail), { contentType: 'image/jpeg' });
    changes.thumbnail_key = thumbnailKey;

    if (settings.hls) {
      const hlsDir = join(workDir, 'hls');
      await mkdir(hlsDir);
      await ffmpeg.hls(source, hlsDir, HLS_HEIGHT, probe.hasAudio);
      for (const name of await readdir(hlsDir)) {
        const type = name.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t';
        await storage.put(`media/${asset.id}/hls/${name}`, await readFile(join(hlsDir, name)), { contentType: type });
      }
      const rendition: Rendition = {
        kind: 'hls',
        playlist_key: `media/${asset.id}/hls/index.m3u8`,
        height: Math.min(HLS_HEIGHT, probe.height ?? HLS_HEIGHT),
      };
      changes.renditions = JSON.stringify([rendition]);
    }
    return changes;
  }

  return {
    async process(assetId: string): Promise<void> {
      const asset = await mediaRepo.findById(db, assetId);
      if (!asset || asset.status !== 'processing') return;
      const attempt = await mediaRepo.countAttempt(db, assetId);
      const workDir = await mkdtemp(join(tmpdir(), 'lectern-media-'));
      try {
        await collectTusUpload(asset);
        const changes = await inspect(asset, workDir);
        const ready = await database.transaction(async (tx) => {
          const row = await status.ready(tx, assetId, ['processing'], changes);
          if (row?.purpose === 'avatar') await identity.setAvatarUrl(tx, row.owner_id, links.avatar(row.id));
          return row;
        });
        // The upload as sent (with whatever metadata it carried) is not kept once its re-encoded copy serves.
        if (ready?.served_key && ready.served_key !== ready.storage_key) await storage.delete(ready.storage_key);
      } catch (error) {
        if (error instanceof MediaRejectedError) return fail(assetId, error.message);
        if (attempt > PROCESS_RETRY_LIMIT)
          return fail(assetId, `processing failed after ${attempt} attempts: ${(error as Error).message}`);
        throw error;
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    },

    async giveUp(assetId: string, reason: string): Promise<void> {
      await fail(assetId, reason);
    },
  };
}

/** Where an avatar's re-encoded copy is stored: beside the upload, never the upload's own key. */
export function servedAvatarKey(storageKey: string): string {
  return storageKey.replace(/(\.[a-z0-9]+)?$/, '-served$1');
}
