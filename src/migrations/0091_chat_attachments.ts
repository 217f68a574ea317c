import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Files shared in chat: a message names uploaded files (the files module's), with the metadata
// shown beside it copied at send time. Deleting the file removes the attachment.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table chat_attachments (
      message_id uuid not null references chat_messages (id) on delete cascade,
      file_id uuid not null references files (id) on delete cascade,
      position smallint not null,
      name text not null,
      content_type text not null,
      size_bytes bigint not null,
      primary key (message_id, file_id)
    )`,
    `create index chat_attachments_file_idx on chat_attachments (file_id)`,
  ]);
}
