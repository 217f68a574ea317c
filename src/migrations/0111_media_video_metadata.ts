import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// 000's Vimeo paths: a video's description and privacy are kept with its media asset (and sent to
// Vimeo for Vimeo videos), and a video is found by its Vimeo id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table media_assets add column description text, add column privacy text`,
    `create index media_assets_vimeo_id_idx on media_assets (vimeo_id) where vimeo_id is not null`,
  ]);
}
