import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// An avatar is served from the copy the media worker re-encoded (`served_key`), never from the
// bytes the client uploaded; and the worker finds uploads still awaited in storage (S3 has no
// upload hook) through a partial index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table media_assets add column served_key text`,
    `create index media_assets_awaiting_upload_idx on media_assets (upload_expires_at) where status = 'uploading'`,
  ]);
}
