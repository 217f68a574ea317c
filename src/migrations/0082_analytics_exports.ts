import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Background event exports: a request, its progress while the queue job writes the file to
// storage, and the stored file's key once done (the download link is signed on each read).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table analytics_exports (
      id uuid primary key default gen_random_uuid(),
      requested_by uuid not null references users (id) on delete cascade,
      format text not null check (format in ('csv', 'xlsx')),
      filter jsonb not null,
      status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
      total_rows bigint,
      rows_written bigint not null default 0,
      storage_key text,
      error text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      completed_at timestamptz
    )`,
    `create index analytics_exports_requested_idx on analytics_exports (requested_by, created_at desc)`,
  ]);
}
