// Uploaded files in 001's words (original_filename, file_size, uploaded_at...).
import type { StoredFile } from '../../../modules/files/index.ts';

export function toFileOut(file: StoredFile) {
  return {
    id: file.id,
    original_filename: file.original_name,
    stored_filename: file.stored_name,
    file_size: file.size_bytes,
    content_type: file.content_type,
    sha256: file.sha256,
    purpose: file.purpose,
    owner_id: file.owner_id,
    uploaded_at: file.created_at,
  };
}
