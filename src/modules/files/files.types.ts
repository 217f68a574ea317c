// Inputs and outputs of the files module (uploaded files, media assets, avatars).
import type { MediaPurpose, MediaStatus, Rendition } from './files.tables.ts';

export type { MediaPurpose, MediaStatus, Rendition };

export interface StoredFile {
  id: string;
  owner_id: string;
  original_name: string;
  /** The stored object's name (001's `stored_filename`). */
  stored_name: string;
  storage_key: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  purpose: string;
  created_at: Date;
}

export interface UploadFileInput {
  filename: string;
  body: NodeJS.ReadableStream;
  purpose?: string;
}

export interface MediaAsset {
  id: string;
  owner_id: string;
  purpose: MediaPurpose;
  lesson_id: string | null;
  course_id: string | null;
  provider: 'storage' | 'tus' | 'vimeo';
  /** The Vimeo video id of a provider 'vimeo' asset (000's `vimeo_id`). */
  vimeo_id: string | null;
  original_name: string;
  content_type: string;
  size_bytes: number;
  status: MediaStatus;
  failure_reason: string | null;
  duration_seconds: number | null;
  width: number | null;
  height: number | null;
  /** Signed, short-lived links; null until the asset is ready. */
  url: string | null;
  thumbnail_url: string | null;
  renditions: { kind: 'hls'; height: number; url: string }[];
  created_at: Date;
  updated_at: Date;
}

export interface PresignInput {
  content_type: string;
  file_size: number;
  file_name?: string;
}

export interface PresignedMediaUpload {
  asset: MediaAsset;
  upload_url: string;
  upload_method: 'PUT';
  upload_headers: Record<string, string>;
  expires_at: Date;
}

export interface ResumableUploadInput {
  lesson_id?: string;
  course_id?: string;
  name: string;
  description?: string;
  size: number;
  content_type?: string;
}

export interface ResumableUpload {
  asset: MediaAsset;
  /** Where the client sends tus PATCH requests (000's `upload_link`): Lectern's or Vimeo's. */
  upload_link: string;
  /** Lectern's tus upload id, or the Vimeo video id. */
  upload_id: string;
  expires_at: Date;
}

export interface AvatarPresignInput {
  content_type: string;
  size: number;
}

export interface AvatarUpload {
  asset_id: string;
  upload_url: string;
  upload_method: 'PUT';
  upload_headers: Record<string, string>;
  /** The profile's avatar_url once the upload completes (stable, redirects to the image). */
  avatar_url: string;
  expires_at: Date;
}

/** 000's video metadata change: sent to Vimeo for a Vimeo video, kept with the asset always. */
export interface VideoMetadataInput {
  name?: string | undefined;
  description?: string | undefined;
  /** Vimeo's `privacy.view`: anybody, contacts, disable, nobody, unlisted or users. */
  privacy?: 'anybody' | 'contacts' | 'disable' | 'nobody' | 'unlisted' | 'users' | undefined;
}

/** A lesson video with the metadata 000's Vimeo paths carry. */
export interface VideoWithMetadata {
  asset: MediaAsset;
  description: string | null;
  privacy: string | null;
}
