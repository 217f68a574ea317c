// Media assets, and the answers that start an upload (presigned PUT or resumable tus link).
import type { MediaAsset, PresignedMediaUpload, ResumableUpload } from '../../../modules/files/index.ts';

export function toMediaAssetOut(asset: MediaAsset) {
  return {
    id: asset.id,
    purpose: asset.purpose,
    lesson_id: asset.lesson_id,
    course_id: asset.course_id,
    provider: asset.provider,
    vimeo_id: asset.vimeo_id,
    file_name: asset.original_name,
    content_type: asset.content_type,
    file_size: asset.size_bytes,
    status: asset.status,
    failure_reason: asset.failure_reason,
    duration: asset.duration_seconds,
    width: asset.width,
    height: asset.height,
    url: asset.url,
    thumbnail_url: asset.thumbnail_url,
    renditions: asset.renditions,
    created_at: asset.created_at,
    updated_at: asset.updated_at,
  };
}

export function toPresignOut(presigned: PresignedMediaUpload) {
  return {
    media_asset_id: presigned.asset.id,
    upload_url: presigned.upload_url,
    upload_method: presigned.upload_method,
    upload_headers: presigned.upload_headers,
    expires_at: presigned.expires_at,
    asset: toMediaAssetOut(presigned.asset),
  };
}

export function toResumableOut(upload: ResumableUpload) {
  return {
    media_asset_id: upload.asset.id,
    upload_link: upload.upload_link,
    upload_id: upload.upload_id,
    expires_at: upload.expires_at,
    asset: toMediaAssetOut(upload.asset),
  };
}
