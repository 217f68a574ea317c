// Resumable uploads (tus): Lectern creates the upload server-side (000's `upload_link`), the
// client PATCHes its bytes to the tus endpoint, and the media worker moves the finished upload
// into storage. Staged on local disk (@tus/file-store) or in the S3 bucket (@tus/s3-store).
import { mkdirSync } from 'node:fs';
import type { Readable } from 'node:stream';

import { FileStore } from '@tus/file-store';
import type { DataStore } from '@tus/utils';
import { Upload } from '@tus/utils';

import type { Config } from '../../config.ts';
import { TUS_UPLOADS_PATH } from '../../platform/links.ts';
import { s3ClientConfig } from '../../platform/storage/s3-config.ts';

export interface TusUploads {
  datastore: DataStore;
  /** Path of the tus endpoint below the public URL; an upload's link is this + its id. */
  basePath: string;
  create(id: string, size: number, metadata: Record<string, string>): Promise<void>;
  /** Bytes received so far, or undefined when the upload does not exist. */
  offset(id: string): Promise<number | undefined>;
  open(id: string): Promise<Readable>;
  remove(id: string): Promise<void>;
}

export const TUS_PATH = TUS_UPLOADS_PATH;

export async function createTusUploads(storage: Config['storage'], stagingDir: string): Promise<TusUploads> {
  let datastore: DataStore;
  let open: (id: string) => Promise<Readable>;
  if (storage.kind === 's3') {
    // Imported here: @tus/s3-store loads the AWS SDK, which local storage does not need.
    const { S3Store } = await import('@tus/s3-store');
    const store = new S3Store({
      partSize: 8 * 1024 * 1024,
      s3ClientConfig: { ...s3ClientConfig(storage), bucket: storage.bucket },
    });
    datastore = store;
    open = (id) => store.read(id);
  } else {
    mkdirSync(stagingDir, { recursive: true });
    const store = new FileStore({ directory: stagingDir });
    datastore = store;
    open = async (id) => store.read(id);
  }
  return {
    datastore,
    basePath: TUS_PATH,
    async create(id, size, metadata) {
      await datastore.create(new Upload({ id, size, offset: 0, metadata }));
    },
    async offset(id) {
      try {
        return (await datastore.getUpload(id)).offset;
      } catch {
        return undefined;
      }
    },
    open,
    async remove(id) {
      await datastore.remove(id).catch(() => undefined);
    },
  };
}
