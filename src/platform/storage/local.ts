// Local-disk storage under DATA_DIR/files. Signed URLs point back at Lectern
// (/api/v1/storage/objects/<key>) and carry an HMAC over method, key, expiry and the
// constraints of the request, so a URL works once per purpose and never for another object.
import { createHmac, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import type { Clock } from '../clock.ts';
import { safeEqual } from '../crypto.ts';
import { DomainError, notFound } from '../errors.ts';
import { STORAGE_OBJECTS_PATH } from '../links.ts';
import type {
  SignedDownloadOptions,
  SignedUpload,
  SignedUploadOptions,
  Storage,
  StoredObjectInfo,
} from './storage.types.ts';
import { assertValidKey, DEFAULT_URL_TTL_SECONDS } from './storage.types.ts';

/** Path of the routes serving local signed URLs, below the public URL. */
export const LOCAL_OBJECTS_PATH = STORAGE_OBJECTS_PATH;

export interface SignedRequestCheck {
  method: 'GET' | 'PUT';
  key: string;
  query: Record<string, string | undefined>;
}

export interface VerifiedRequest {
  contentType: string | undefined;
  maxBytes: number | undefined;
  filename: string | undefined;
}

export interface LocalStorage extends Storage {
  kind: 'local';
  /** Checks a signed URL's query for `method` on `key`; throws forbidden/expired. */
  verify(check: SignedRequestCheck): VerifiedRequest;
  /** Writes a stream, refusing more than `maxBytes`; returns the bytes written. */
  putLimited(
    key: string,
    body: NodeJS.ReadableStream,
    options: { contentType: string; maxBytes: number | undefined },
  ): Promise<number>;
}

interface LocalDeps {
  dir: string;
  clock: Clock;
  publicUrl: string;
  signingSecret: string;
}

const META_SUFFIX = '.meta.json';

export function createLocalStorage({ dir, clock, publicUrl, signingSecret }: LocalDeps): LocalStorage {
  const pathOf = (key: string) => {
    assertValidKey(key);
    return join(dir, key);
  };

  const sign = (parts: (string | number | undefined)[]) =>
    createHmac('sha256', signingSecret)
      .update(['lectern-storage-v1', ...parts.map((p) => (p === undefined ? '' : String(p)))].join('\n'))
      .digest('base64url');

  const signedUrl = (method: 'GET' | 'PUT', key: string, params: Record<string, string | undefined>, ttl: number) => {
    const expires = Math.floor(clock.now().getTime() / 1000) + ttl;
    const query = new URLSearchParams();
    query.set('expires', String(expires));
    for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, value);
    query.set('signature', sign([method, key, expires, params.ct, params.max, params.fn]));
    return `${publicUrl}${LOCAL_OBJECTS_PATH}${key}?${query.toString()}`;
  };

  async function writeAtomically(
    key: string,
    body: Buffer | NodeJS.ReadableStream,
    contentType: string,
    maxBytes?: number,
  ): Promise<number> {
    const target = pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.part`;
    let written = 0;
    try {
      if (Buffer.isBuffer(body)) {
        if (maxBytes !== undefined && body.length > maxBytes) throw tooLarge(maxBytes);
        await writeFile(temp, body);
        written = body.length;
      } else {
        await pipeline(
          body,
          async function* (source: AsyncIterable<Buffer | string>) {
            for await (const piece of source) {
              const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
              written += chunk.length;
              if (maxBytes !== undefined && written > maxBytes) throw tooLarge(maxBytes);
              yield chunk;
            }
          },
          createWriteStream(temp),
        );
      }
      await writeFile(`${temp}${META_SUFFIX}`, JSON.stringify({ contentType }));
      await rename(`${temp}${META_SUFFIX}`, `${target}${META_SUFFIX}`);
      await rename(temp, target);
      return written;
    } catch (error) {
      await rm(temp, { force: true });
      await rm(`${temp}${META_SUFFIX}`, { force: true });
      throw error;
    }
  }

  return {
    kind: 'local',

    async put(key, body, options) {
      await writeAtomically(key, body, options.contentType);
    },

    putLimited(key, body, options) {
      return writeAtomically(key, body, options.contentType, options.maxBytes);
    },

    async get(key) {
      const path = pathOf(key);
      try {
        await stat(path);
      } catch {
        throw notFound('Stored object');
      }
      return createReadStream(path);
    },

    async stat(key): Promise<StoredObjectInfo | undefined> {
      const path = pathOf(key);
      try {
        const info = await stat(path);
        const meta = await readMeta(path);
        return { size: info.size, contentType: meta?.contentType };
      } catch {
        return undefined;
      }
    },

    async delete(key) {
      const path = pathOf(key);
      await unlink(path).catch(ignoreMissing);
      await unlink(`${path}${META_SUFFIX}`).catch(ignoreMissing);
    },

    async signedDownloadUrl(key, options: SignedDownloadOptions = {}) {
      assertValidKey(key);
      return signedUrl(
        'GET',
        key,
        { ct: options.contentType, fn: options.filename },
        options.expiresInSeconds ?? DEFAULT_URL_TTL_SECONDS,
      );
    },

    async signedUploadUrl(key, options: SignedUploadOptions): Promise<SignedUpload> {
      assertValidKey(key);
      const url = signedUrl(
        'PUT',
        key,
        { ct: options.contentType, max: options.maxBytes === undefined ? undefined : String(options.maxBytes) },
        options.expiresInSeconds ?? DEFAULT_URL_TTL_SECONDS,
      );
      return { url, method: 'PUT', headers: { 'Content-Type': options.contentType } };
    },

    verify({ method, key, query }) {
      const { expires, signature, ct, max, fn } = query;
      if (!expires || !signature || !/^\d{1,12}$/.test(expires)) throw badSignature();
      try {
        assertValidKey(key);
      } catch {
        throw badSignature();
      }
      if (!safeEqual(sign([method, key, expires, ct, max, fn]), signature)) throw badSignature();
      if (Number(expires) * 1000 < clock.now().getTime()) {
        throw new DomainError('expired', 'STORAGE_URL_EXPIRED', 'This link has expired');
      }
      return { contentType: ct, maxBytes: max === undefined ? undefined : Number(max), filename: fn };
    },
  };
}

async function readMeta(path: string): Promise<{ contentType?: string } | undefined> {
  try {
    return JSON.parse(await readFile(`${path}${META_SUFFIX}`, 'utf8')) as { contentType?: string };
  } catch {
    return undefined;
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}

const badSignature = () => new DomainError('forbidden', 'STORAGE_BAD_SIGNATURE', 'Invalid or tampered link');
const tooLarge = (max: number) =>
  new DomainError('payload_too_large', 'STORAGE_TOO_LARGE', `Upload exceeds the limit of ${max} bytes`);
