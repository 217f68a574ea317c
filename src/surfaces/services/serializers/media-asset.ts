// A media asset as 003 shows it: `material_id` is the lesson it belongs to (null for an avatar).
import type { MediaAsset, PresignedMediaUpload } from '../../../modules/files/index.ts';

export const toMediaAssetOut = (asset: MediaAsset) => ({
  id: asset.id,
  material_id: asset.lesson_id,
  url: asset.url,
  status: asset.status,
  file_size: asset.size_bytes,
  content_type: asset.content_type,
  duration: asset.duration_seconds,
  thumbnail_url: asset.thumbnail_url,
  failure_reason: asset.failure_reason,
  created_at: asset.created_at,
});

export const toPresignOut = (presigned: PresignedMediaUpload) => ({
  upload_url: presigned.upload_url,
  media_asset_id: presigned.asset.id,
  expires_at: presigned.expires_at,
  upload_method: presigned.upload_method,
  upload_headers: presigned.upload_headers,
});
