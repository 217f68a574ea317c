// Media assets (003's presign flow, 000's resumable upload link) and avatar uploads.
import { Type } from 'typebox';

import { Nullable, StringEnum } from '../kit/schemas.ts';
import { DateTime, Uuid } from './common.schemas.ts';

export const MediaAssetOut = Type.Object({
  id: Uuid,
  purpose: Type.String(),
  lesson_id: Nullable(Uuid),
  course_id: Nullable(Uuid),
  provider: Type.String(),
  vimeo_id: Nullable(Type.String()),
  file_name: Type.String(),
  content_type: Type.String(),
  file_size: Type.Integer(),
  status: StringEnum(['uploading', 'processing', 'ready', 'failed']),
  failure_reason: Nullable(Type.String()),
  duration: Nullable(Type.Number()),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  url: Nullable(Type.String()),
  thumbnail_url: Nullable(Type.String()),
  renditions: Type.Array(Type.Object({ kind: Type.String(), height: Type.Integer(), url: Type.String() })),
  created_at: DateTime,
  updated_at: DateTime,
});

export const LessonParams = Type.Object({ lesson_id: Uuid });
export const AssetParams = Type.Object({ asset_id: Uuid });
export const UploadParams = Type.Object({ upload_id: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) });

export const PresignBody = Type.Object(
  {
    content_type: Type.String({ minLength: 3, maxLength: 100 }),
    file_size: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    file_name: Type.Optional(Type.String({ maxLength: 255 })),
  },
  { additionalProperties: false },
);

export const PresignOut = Type.Object({
  media_asset_id: Uuid,
  upload_url: Type.String(),
  upload_method: Type.Literal('PUT'),
  upload_headers: Type.Record(Type.String(), Type.String()),
  expires_at: DateTime,
  asset: MediaAssetOut,
});

export const ResumableBody = Type.Object(
  {
    lesson_id: Type.Optional(Uuid),
    course_id: Type.Optional(Uuid),
    name: Type.String({ minLength: 1, maxLength: 255 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    size: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    content_type: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const ResumableOut = Type.Object({
  media_asset_id: Uuid,
  upload_link: Type.String(),
  upload_id: Type.String(),
  expires_at: DateTime,
  asset: MediaAssetOut,
});

export const AvatarPresignBody = Type.Object(
  {
    content_type: Type.String({ maxLength: 100 }),
    size: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  },
  { additionalProperties: false },
);

export const AvatarPresignOut = Type.Object({
  upload_url: Type.String(),
  avatar_url: Type.String(),
  asset_id: Uuid,
  upload_method: Type.Literal('PUT'),
  upload_headers: Type.Record(Type.String(), Type.String()),
  expires_at: DateTime,
});

export const AvatarCompleteBody = Type.Object({ asset_id: Uuid }, { additionalProperties: false });
