// The Content-Disposition of downloads, for local and S3 storage alike (kept out of s3.ts, which
// loads the AWS SDK).
import { create as createContentDisposition } from 'content-disposition';

/** An attachment header for a file name in any script (RFC 6266, with the RFC 8187 form when needed). */
export function contentDisposition(filename: string): string {
  return createContentDisposition(filename, { type: 'attachment' });
}
