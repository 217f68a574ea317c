// The storage platform: object bytes on local disk (DATA_DIR/files, signed URLs served by
// Lectern) or in an S3-compatible bucket (presigned URLs). Modules keep keys, never paths.
import type { Config } from '../../config.ts';
import type { Clock } from '../clock.ts';
import type { LocalStorage } from './local.ts';
import { createLocalStorage } from './local.ts';
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

export async function createStorage(config: Config['storage'], deps: StorageDeps): Promise<Storage> {
  // The AWS SDK (hundreds of modules, tens of MiB) is loaded only when storage is S3.
  if (config.kind === 's3') return (await import('./s3.ts')).createS3Storage(config, deps.clock);
  return createLocalStorage({ dir: config.dir, ...deps });
}

export function isLocalStorage(storage: Storage): storage is LocalStorage {
  return storage.kind === 'local';
}
