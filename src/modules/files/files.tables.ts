import type { ColumnType, Generated, Selectable } from 'kysely';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface FilesTable {
  id: Generated<string>;
  owner_id: string;
  original_name: string;
  storage_key: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  purpose: ColumnType<string, string | undefined, string>;
  created_at: Generated<Date>;
}

export type MediaPurpose = 'lesson' | 'avatar';
export type MediaStatus = 'uploading' | 'processing' | 'ready' | 'failed';
export type MediaProvider = 'storage' | 'tus' | 'vimeo';

export interface Rendition {
  kind: 'hls';
  playlist_key: string;
  height: number;
}

export interface MediaAssetsTable {
  id: Generated<string>;
  owner_id: string;
  purpose: MediaPurpose;
  lesson_id: string | null;
  course_id: string | null;
  provider: ColumnType<MediaProvider, MediaProvider | undefined, MediaProvider>;
  storage_key: string;
  upload_id: string | null;
  original_name: ColumnType<string, string | undefined, string>;
  content_type: string;
  declared_size_bytes: number;
  size_bytes: number | null;
  status: ColumnType<MediaStatus, MediaStatus | undefined, MediaStatus>;
  failure_reason: string | null;
  duration_seconds: number | null;
  width: number | null;
  height: number | null;
  thumbnail_key: string | null;
  /** What is served instead of the uploaded object (an avatar's re-encoded image); null: the upload itself. */
  served_key: ColumnType<string | null, string | null | undefined, string | null>;
  renditions: ColumnType<Rendition[], string | undefined, string>;
  processing_attempts: Generated<number>;
  upload_expires_at: Timestamp;
  processed_at: NullableTimestamp;
  /** Set on provider 'vimeo' assets only: the Vimeo video id and the thumbnail Vimeo made. */
  vimeo_id: ColumnType<string | null, string | null | undefined, string | null>;
  external_thumbnail_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** A video's description and Vimeo-style view privacy (000's vimeo paths). */
  description: ColumnType<string | null, string | null | undefined, string | null>;
  privacy: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export type FileRow = Selectable<FilesTable>;
export type MediaAssetRow = Selectable<MediaAssetsTable>;

declare module '../../platform/db/database.ts' {
  interface Database {
    files: FilesTable;
    media_assets: MediaAssetsTable;
  }
}
