import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Media assets: lesson video/audio/documents and avatars, uploaded straight to storage (presigned
// PUT or tus) and then probed by the media worker. users.avatar_url follows a completed avatar.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table media_assets (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references users (id) on delete cascade,
      purpose text not null check (purpose in ('lesson', 'avatar')),
      lesson_id uuid references lessons (id) on delete cascade,
      course_id uuid references courses (id) on delete cascade,
      provider text not null default 'storage' check (provider in ('storage', 'tus')),
      storage_key text not null unique,
      upload_id text unique,
      original_name text not null default '',
      content_type text not null,
      declared_size_bytes bigint not null check (declared_size_bytes > 0),
      size_bytes bigint,
      status text not null default 'uploading' check (status in ('uploading', 'processing', 'ready', 'failed')),
      failure_reason text,
      duration_seconds double precision,
      width integer,
      height integer,
      thumbnail_key text,
      renditions jsonb not null default '[]',
      processing_attempts integer not null default 0,
      upload_expires_at timestamptz not null,
      processed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (purpose <> 'lesson' or lesson_id is not null or course_id is not null)
    )`,
    `create index media_assets_lesson_idx on media_assets (lesson_id, created_at)`,
    `create index media_assets_course_idx on media_assets (course_id, created_at)`,
    `create index media_assets_owner_idx on media_assets (owner_id, purpose, created_at)`,
    `alter table users add column avatar_url text`,
  ]);
}
