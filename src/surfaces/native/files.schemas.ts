// 001's file endpoints: the shapes of /files.
import { Type } from 'typebox';

import { DateTime, Detail, Uuid } from './common.schemas.ts';

export const FileOut = Type.Object({
  id: Uuid,
  original_filename: Type.String(),
  stored_filename: Type.String(),
  file_size: Type.Integer(),
  content_type: Type.String(),
  sha256: Type.String(),
  purpose: Type.String(),
  owner_id: Uuid,
  uploaded_at: DateTime,
});

export const FileParams = Type.Object({ file_id: Uuid });

/** Uploads can also be refused for their size (413) or type (415); links can expire (410). */
export const uploadErrorResponses = { 410: Detail, 413: Detail, 415: Detail };
