// The storage platform: object bytes on local disk (DATA_DIR/files, signed URLs served by
// Lectern) or in an S3-compatible bucket (presigned URLs). Modules keep keys, never paths.
import type { Config } from '../../config.ts';
import type { Clock } from '../clock.ts';
import type { LocalStorage } from './local.ts';
import { createLocalStorage } from './local.ts';
import { createS3Storage } from './s3.ts';
import type { Storage } from './storage.types.ts';

export type { LocalStorage, SignedRequestCheck } from './local.ts';
export { LOCAL_OBJECTS_PATH } from './local.ts';
export type { S3Storage } from './s3.ts';
export type {
  SignedDownloadOptions,
  SignedUpload,
  SignedUploadOptions,
  Storage,
  StoredObjectInfo,
} from './storage.types.ts';
export { assertValidKey, DEFAULT_URL_TTL_SECONDS } from './storage.types.ts';

export interface StorageDeps {
  clock: Clock;
  /** Base of the local signed URLs (config.publicUrl). */
  publicUrl: string;
  /** HMAC key of local signed URLs (a secret kept in DATA_DIR). */
  signingSecret: string;
}

export function createStorage(config: Config['storage'], deps: StorageDeps): Storage {
  if (config.kind === 's3') return createS3Storage(config, deps.clock);
  return createLocalStorage({ dir: config.dir, ...deps });
}

export function isLocalStorage(storage: Storage): storage is LocalStorage {
  return storage.kind === 'local';
}
