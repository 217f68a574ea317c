import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// A direct room is one per pair of users, even when both open it at the same moment: the pair
// (the two user ids in order) is unique.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table chat_rooms add column direct_pair text unique`,
    `update chat_rooms r set direct_pair = (
      select string_agg(m.user_id::text, ':' order by m.user_id) from chat_members m where m.room_id = r.id
    ) where kind = 'direct'`,
    `alter table chat_rooms add constraint chat_rooms_direct_pair_check
      check ((kind = 'direct') = (direct_pair is not null))`,
  ]);
}
