// S3-compatible storage (AWS, MinIO, R2, ...): objects in one bucket, presigned URLs for
// browser uploads and downloads so the bytes never pass through Lectern.
import { Readable } from 'node:stream';

import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import { contentDisposition } from './content-disposition.ts';
import type { S3Settings } from './s3-config.ts';
import { s3ClientConfig } from './s3-config.ts';
import type { Storage } from './storage.types.ts';
import { assertValidKey, DEFAULT_URL_TTL_SECONDS } from './storage.types.ts';

export interface S3Storage extends Storage {
  kind: 's3';
  client: S3Client;
  bucket: string;
}

export function createS3Storage(settings: S3Settings, clock: Clock): S3Storage {
  const client = new S3Client(s3ClientConfig(settings));
  const bucket = settings.bucket;

  return {
    kind: 's3',
    client,
    bucket,

    async put(key, body, options) {
      assertValidKey(key);
      if (Buffer.isBuffer(body)) {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: options.contentType,
            ContentLength: body.length,
          }),
        );
        return;
      }
      // Streams of unknown length go up in parts.
      const stream = body instanceof Readable ? body : Readable.from(body as AsyncIterable<Buffer>);
      await new Upload({
        client,
        params: { Bucket: bucket, Key: key, Body: stream, ContentType: options.contentType },
      }).done();
    },

    async get(key) {
      assertValidKey(key);
      try {
        const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!result.Body) throw notFound('Stored object');
        return result.Body as Readable;
      } catch (error) {
        if (isMissing(error)) throw notFound('Stored object');
        throw error;
      }
    },

    async stat(key) {
      assertValidKey(key);
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: head.ContentLength ?? 0, contentType: head.ContentType };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async delete(key) {
      assertValidKey(key);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    async signedDownloadUrl(key, options = {}) {
      assertValidKey(key);
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ...(options.filename ? { ResponseContentDisposition: contentDisposition(options.filename) } : {}),
        ...(options.contentType ? { ResponseContentType: options.contentType } : {}),
      });
      return getSignedUrl(client, command, {
        expiresIn: options.expiresInSeconds ?? DEFAULT_URL_TTL_SECONDS,
        signingDate: clock.now(),
      });
    },

    async signedUploadUrl(key, options) {
      assertValidKey(key);
      // The signature covers Content-Type; S3 presigned PUTs cannot cap the size, so callers
      // check the stored object's size when the upload is completed.
      const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: options.contentType });
      const url = await getSignedUrl(client, command, {
        expiresIn: options.expiresInSeconds ?? DEFAULT_URL_TTL_SECONDS,
        signingDate: clock.now(),
        signableHeaders: new Set(['content-type']),
      });
      return { url, method: 'PUT', headers: { 'Content-Type': options.contentType } };
    },
  };
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}
