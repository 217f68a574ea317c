// How a media asset row becomes the public shape, with signed links once it is ready.
import type { Links } from '../../platform/links.ts';
import type { Storage } from '../../platform/storage/index.ts';
import type { MediaAssetRow } from './files.tables.ts';
import type { MediaAsset } from './files.types.ts';

export function createMediaView(storage: Storage, links: Pick<Links, 'hlsPlaylist'>) {
  return {
    async toMediaAsset(row: MediaAssetRow): Promise<MediaAsset> {
      const ready = row.status === 'ready';
      if (row.provider === 'vimeo') {
        // Vimeo serves and transcodes the video itself; Lectern stores no object for it.
        return {
          ...base(row),
          url: ready && row.vimeo_id ? `https://vimeo.com/${row.vimeo_id}` : null,
          thumbnail_url: ready ? row.external_thumbnail_url : null,
          renditions: [],
        };
      }
      return {
        ...base(row),
        url: ready ? await storage.signedDownloadUrl(row.storage_key, { contentType: row.content_type }) : null,
        thumbnail_url:
          ready && row.thumbnail_key
            ? await storage.signedDownloadUrl(row.thumbnail_key, { contentType: 'image/jpeg' })
            : null,
        renditions: ready
          ? row.renditions.map((r) => ({
              kind: r.kind,
              height: r.height,
              url: links.hlsPlaylist(row.id),
            }))
          : [],
      };
    },
  };
}

export type MediaView = ReturnType<typeof createMediaView>;

/** The fields every provider's asset shares. */
function base(row: MediaAssetRow): Omit<MediaAsset, 'url' | 'thumbnail_url' | 'renditions'> {
  return {
    id: row.id,
    owner_id: row.owner_id,
    purpose: row.purpose,
    lesson_id: row.lesson_id,
    course_id: row.course_id,
    provider: row.provider,
    vimeo_id: row.vimeo_id,
    original_name: row.original_name,
    content_type: row.content_type,
    size_bytes: Number(row.size_bytes ?? row.declared_size_bytes),
    status: row.status,
    failure_reason: row.failure_reason,
    duration_seconds: row.duration_seconds,
    width: row.width,
    height: row.height,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
