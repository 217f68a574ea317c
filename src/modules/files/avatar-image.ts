// Avatars are served re-encoded, never as uploaded: decoding and encoding again with sharp
// (libvips) drops metadata (EXIF GPS positions, camera serials), applies the EXIF orientation,
// bounds the size, and turns any trailing or polyglot bytes into a plain image.
import sharp from 'sharp';

import { MediaRejectedError } from './ffmpeg.ts';

/** Longest side of a served avatar, in pixels; smaller images keep their size. */
export const AVATAR_MAX_SIDE = 1024;
/** Decoding refuses images larger than this many pixels (a decompression bomb). */
const MAX_INPUT_PIXELS = 40_000_000;

export interface ReencodedAvatar {
  data: Buffer;
  width: number;
  height: number;
}

/** Re-encodes the image at `path` in its own format (JPEG, PNG or WebP). */
export async function reencodeAvatar(path: string, contentType: string): Promise<ReencodedAvatar> {
  try {
    const image = sharp(path, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: AVATAR_MAX_SIDE, height: AVATAR_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const encoded =
      contentType === 'image/png'
        ? image.png({ compressionLevel: 9 })
        : contentType === 'image/webp'
          ? image.webp({ quality: 85 })
          : image.jpeg({ quality: 85, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw new MediaRejectedError(`the image could not be decoded: ${(error as Error).message}`);
  }
}
