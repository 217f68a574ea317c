import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Notifications: what Lectern sends (one row per notification, rendered when queued, with its
// delivery outcome), service API keys allowed to send, admins' template overrides (the built-in
// templates live in code) and users' channel preferences (stored sparse, defaults in code).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table notification_api_keys (
      id uuid primary key default gen_random_uuid(),
      name text not null check (char_length(name) between 1 and 100),
      prefix text not null check (char_length(prefix) between 4 and 32),
      key_hash text not null unique,
      scopes text[] not null default '{notify}',
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`,
    `create table notifications (
      id uuid primary key default gen_random_uuid(),
      channel text not null check (channel in ('email', 'sms', 'push')),
      recipient text not null check (char_length(recipient) between 1 and 320),
      user_id uuid references users (id) on delete set null,
      template text not null check (char_length(template) between 1 and 100),
      category text check (char_length(category) <= 50),
      subject text,
      body_text text not null,
      body_html text,
      data jsonb not null default '{}' check (jsonb_typeof(data) = 'object'),
      status text not null default 'queued' check (status in ('queued', 'sent', 'failed', 'suppressed')),
      attempts integer not null default 0 check (attempts >= 0),
      last_error text check (char_length(last_error) <= 1000),
      sender_kind text not null check (sender_kind in ('admin', 'api_key', 'system')),
      sender_id uuid,
      idempotency_key text check (char_length(idempotency_key) between 1 and 255),
      request_hash text,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      read_at timestamptz
    )`,
    // One live key per sender; a key older than the 24 h window is released (set to null).
    `create unique index notifications_idempotency_idx on notifications (sender_kind, coalesce(sender_id, '00000000-0000-0000-0000-000000000000'::uuid), idempotency_key) where idempotency_key is not null`,
    `create index notifications_user_feed_idx on notifications (user_id, created_at desc, id) where user_id is not null`,
    `create index notifications_status_idx on notifications (status, created_at desc)`,
    `create table notification_template_overrides (
      name text not null check (char_length(name) between 1 and 100),
      channel text not null check (channel in ('email', 'sms', 'push')),
      subject text check (char_length(subject) <= 500),
      body_text text not null check (char_length(body_text) between 1 and 20000),
      body_html text check (char_length(body_html) <= 100000),
      updated_by uuid references users (id) on delete set null,
      updated_at timestamptz not null default now(),
      primary key (name, channel)
    )`,
    `create table notification_preferences (
      user_id uuid primary key references users (id) on delete cascade,
      preferences jsonb not null default '{}' check (jsonb_typeof(preferences) = 'object'),
      updated_at timestamptz not null default now()
    )`,
  ]);
}
