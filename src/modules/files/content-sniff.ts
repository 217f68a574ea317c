// Content types come from the bytes, never from the client's say-so: the first bytes of an
// upload are sniffed (magic numbers via file-type; UTF-8 text by inspection) and the result
// is checked against the allow-list of the upload's purpose.
import { fileTypeFromBuffer } from 'file-type';

/** Bytes read before deciding; enough for office documents whose marker sits inside the zip. */
export const SNIFF_BYTES = 64 * 1024;

export const DOCUMENT_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/msword',
  'application/x-cfb',
  'audio/mpeg',
  'audio/mp4',
  'video/mp4',
  'video/webm',
  'video/quicktime',
  'text/plain',
  'text/csv',
  'text/markdown',
]);

export const LESSON_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'video/mp4',
  'video/webm',
  'video/quicktime',
  'video/x-matroska',
  'audio/mpeg',
  'audio/mp4',
  'audio/wav',
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
]);

export const AVATAR_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp']);

const TEXT_BY_EXTENSION: Record<string, string> = { csv: 'text/csv', md: 'text/markdown', markdown: 'text/markdown' };

export interface Sniffed {
  contentType: string;
  extension: string;
}

/** The type of `head` (the first bytes of a file), or undefined when it is not recognisable. */
export async function sniffContentType(head: Buffer, filename = ''): Promise<Sniffed | undefined> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) return { contentType: normalize(detected.mime), extension: detected.ext };
  if (looksLikeText(head)) {
    const ext = filename.toLowerCase().match(/\.([a-z0-9]{1,8})$/)?.[1] ?? 'txt';
    const contentType = TEXT_BY_EXTENSION[ext] ?? 'text/plain';
    return { contentType, extension: contentType === 'text/plain' ? 'txt' : ext };
  }
  return undefined;
}

function normalize(mime: string): string {
  // file-type names a few types differently from what browsers send.
  if (mime === 'audio/x-m4a') return 'audio/mp4';
  if (mime === 'audio/wave' || mime === 'audio/x-wav') return 'audio/wav';
  return mime;
}

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  // A multi-byte character cut at the end of the sniffed window is still text.
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const replacement = decoded.slice(0, -4).includes('\uFFFD');
  return !replacement;
}
