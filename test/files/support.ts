// Helpers for the files and media tests: multipart bodies, following signed links (Lectern's
// own through inject, S3's over HTTP), a loopback S3 server, and small real media files.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import S3rver from '@20minutes/s3rver';

import { resolveFfmpeg } from '../../src/modules/files/ffmpeg.ts';
import type { TestApp } from '../helpers/app.ts';

export const PUBLIC_URL = 'http://lectern.test';

export function multipart(
  fieldName: string,
  filename: string,
  content: Buffer,
  contentType = 'application/octet-stream',
) {
  const boundary = `----lectern${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${fieldName}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export interface SignedResponse {
  status: number;
  body: Buffer;
  headers: Record<string, string>;
}

/** Follows a signed link: Lectern's own (local storage) through inject, anything else with fetch. */
export async function followSigned(
  lectern: TestApp,
  url: string,
  init: { method?: 'GET' | 'PUT'; body?: Buffer; headers?: Record<string, string> } = {},
): Promise<SignedResponse> {
  if (url.startsWith(PUBLIC_URL)) {
    const response = await lectern.app.inject({
      method: init.method ?? 'GET',
      url: url.slice(PUBLIC_URL.length),
      ...(init.body ? { payload: init.body } : {}),
      headers: init.headers ?? {},
    });
    return {
      status: response.statusCode,
      body: response.rawPayload,
      headers: response.headers as Record<string, string>,
    };
  }
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    ...(init.body ? { body: init.body } : {}),
    headers: init.headers ?? {},
  });
  return {
    status: response.status,
    body: Buffer.from(await response.arrayBuffer()),
    headers: Object.fromEntries(response.headers),
  };
}

export const S3_BUCKET = 'lectern-test';

/** An S3-compatible server on loopback with one bucket; returns the S3_* settings. */
export async function startS3Server(): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'lectern-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: S3_BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  return {
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A real PDF (minimal, but with the %PDF magic and an EOF marker). */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
export const PNG_HEADER = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** A small real media file, made with the ffmpeg the product would use (FFMPEG_PATH → system → npm-shipped). */
export function makeMedia(kind: 'mp4' | 'png'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-media-fixture-'));
  try {
    const out = join(dir, `fixture.${kind}`);
    const args =
      kind === 'mp4'
        ? [
            '-v',
            'error',
            '-f',
            'lavfi',
            '-i',
            'testsrc=duration=2:size=320x240:rate=10',
            '-pix_fmt',
            'yuv420p',
            '-c:v',
            'libx264',
            '-movflags',
            '+faststart',
            out,
          ]
        : ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=128x128:rate=1', '-frames:v', '1', out];
    execFileSync(resolveFfmpeg(process.env['FFMPEG_PATH']).ffmpeg, args);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
