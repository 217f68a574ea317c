// The S3 client settings, apart from s3.ts so that reading them does not load the AWS SDK
// (s3.ts and @tus/s3-store are imported only when storage is S3).
import type { S3ClientConfig } from '@aws-sdk/client-s3';

export interface S3Settings {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Client options shared with the tus S3 store. */
export function s3ClientConfig(settings: S3Settings): S3ClientConfig {
  return {
    region: settings.region,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
    // Checksums only where S3 requires them: many S3-compatible servers reject the SDK's
    // default streaming-trailer checksums, and presigned URLs must not demand them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}
