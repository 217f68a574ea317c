import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table users (
      id uuid primary key default gen_random_uuid(),
      email text,
      phone text,
      password_hash text,
      role text not null default 'student' check (role in ('student', 'instructor', 'admin')),
      first_name text not null default '',
      last_name text not null default '',
      full_name text not null default '',
      is_active boolean not null default true,
      email_verified_at timestamptz,
      phone_verified_at timestamptz,
      mfa_enabled boolean not null default false,
      mfa_secret_encrypted text,
      mfa_recovery_code_hashes jsonb not null default '[]',
      google_id text unique,
      failed_login_count integer not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (email is not null or phone is not null)
    )`,
    `create unique index users_email_unique on users (lower(email))`,
    `create unique index users_phone_unique on users (phone)`,
    `create index users_role_idx on users (role, created_at)`,
    `create table sessions (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      remember_me boolean not null default false,
      user_agent text,
      ip text,
      created_at timestamptz not null default now(),
      last_used_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz
    )`,
    `create index sessions_user_idx on sessions (user_id) where revoked_at is null`,
    `create table refresh_tokens (
      id uuid primary key default gen_random_uuid(),
      session_id uuid not null references sessions (id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`,
    `create index refresh_tokens_session_idx on refresh_tokens (session_id)`,
    // The dev outbox: what mail/SMS/push would have sent when no provider is configured.
    `create table outbox_messages (
      id uuid primary key default gen_random_uuid(),
      channel text not null check (channel in ('email', 'sms', 'push')),
      recipient text not null,
      subject text,
      body_text text not null,
      body_html text,
      created_at timestamptz not null default now()
    )`,
    `create index outbox_messages_created_idx on outbox_messages (created_at desc)`,
  ]);
}
