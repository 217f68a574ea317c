import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Vimeo as a resumable-upload provider: such an asset's bytes and transcoding live at Vimeo, so it
// records the Vimeo video id and the thumbnail Vimeo makes instead of a storage object.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table media_assets drop constraint media_assets_provider_check`,
    `alter table media_assets add constraint media_assets_provider_check check (provider in ('storage', 'tus', 'vimeo'))`,
    `alter table media_assets add column vimeo_id text`,
    `alter table media_assets add column external_thumbnail_url text`,
    `alter table media_assets add constraint media_assets_vimeo_id_check check ((provider = 'vimeo') = (vimeo_id is not null))`,
  ]);
}
