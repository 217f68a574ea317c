import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Uploaded files (001's /files): the bytes live in the storage adapter under storage_key;
// this row is the owner's record of them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table files (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references users (id) on delete cascade,
      original_name text not null,
      storage_key text not null unique,
      content_type text not null,
      size_bytes bigint not null check (size_bytes >= 0),
      sha256 text not null,
      purpose text not null default 'general',
      created_at timestamptz not null default now()
    )`,
    `create index files_owner_idx on files (owner_id, created_at desc, id)`,
  ]);
}
