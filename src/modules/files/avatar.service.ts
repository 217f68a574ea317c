// Avatars (003's profile presign): images only, 1 KB to 5 MB, uploaded straight to storage; the
// user's avatar_url changes when the media worker has checked the bytes.
import { randomUUID } from 'node:crypto';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/index.ts';
import type { Links } from '../../platform/links.ts';
import type { Storage } from '../../platform/storage/index.ts';
import { AVATAR_TYPES } from './content-sniff.ts';
import { assetNotFound, declaredTypeNotAllowed, sizeOutOfRange } from './files.errors.ts';
import type { AvatarPresignInput, AvatarUpload } from './files.types.ts';
import { AVATAR_MAX_BYTES, AVATAR_MIN_BYTES } from './media.jobs.ts';
import { mediaRepo } from './media.repo.ts';

const AVATAR_TTL_SECONDS = 900;
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export interface AvatarServiceDeps {
  database: DatabaseHandle;
  clock: Clock;
  storage: Storage;
  links: Pick<Links, 'avatar'>;
  /** Has the worker look for the upload where storage does not report it (S3). */
  watchUpload(tx: Tx, assetId: string): Promise<void>;
}

export function createAvatarService({ database, clock, storage, links, watchUpload }: AvatarServiceDeps) {
  const { db } = database;
  return {
    async presign(actor: Actor, input: AvatarPresignInput): Promise<AvatarUpload> {
      if (!AVATAR_TYPES.has(input.content_type)) throw declaredTypeNotAllowed('content_type', input.content_type);
      if (input.size < AVATAR_MIN_BYTES || input.size > AVATAR_MAX_BYTES)
        throw sizeOutOfRange('size', AVATAR_MIN_BYTES, AVATAR_MAX_BYTES);
      const id = randomUUID();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + AVATAR_TTL_SECONDS * 1000);
      const row = await database.transaction(async (tx) => {
        const inserted = await mediaRepo.insert(tx, {
          id,
          owner_id: actor.id,
          purpose: 'avatar',
          storage_key: `avatars/${actor.id}/${id}.${EXTENSIONS[input.content_type]}`,
          content_type: input.content_type,
          declared_size_bytes: input.size,
          upload_expires_at: expiresAt,
          created_at: now,
          updated_at: now,
        });
        await watchUpload(tx, inserted.id);
        return inserted;
      });
      const upload = await storage.signedUploadUrl(row.storage_key, {
        contentType: input.content_type,
        maxBytes: AVATAR_MAX_BYTES,
        expiresInSeconds: AVATAR_TTL_SECONDS,
      });
      return {
        asset_id: row.id,
        upload_url: upload.url,
        upload_method: 'PUT',
        upload_headers: upload.headers,
        avatar_url: links.avatar(row.id),
        expires_at: expiresAt,
      };
    },

    /** Where an avatar's image can be fetched now (avatars are public, like profile pictures). */
    async imageUrl(assetId: string): Promise<string> {
      const row = await mediaRepo.avatarOwner(db, assetId);
      if (!row) throw assetNotFound(assetId);
      return storage.signedDownloadUrl(row.served_key ?? row.storage_key, {
        contentType: row.content_type,
        expiresInSeconds: 3600,
      });
    },
  };
}
