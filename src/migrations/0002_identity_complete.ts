import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Identity beyond the core: deleted (anonymised) accounts, one-time email tokens, SMS codes,
// per-IP failure counters and TOTP replay protection.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table users add column deleted_at timestamptz`,
    `alter table users add column mfa_last_step bigint`,
    // A deleted account keeps its row (courses, grades and certificates point at it) but loses
    // every contact detail, so the contact check only applies to live accounts.
    `alter table users drop constraint if exists users_check`,
    `alter table users add constraint users_contact_check check (deleted_at is not null or email is not null or phone is not null)`,
    `create table identity_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      purpose text not null check (purpose in ('email_verification', 'password_reset', 'email_change')),
      token_hash text not null unique,
      new_email text,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`,
    `create index identity_tokens_user_idx on identity_tokens (user_id, purpose)`,
    `create table sms_codes (
      id uuid primary key default gen_random_uuid(),
      phone text not null,
      purpose text not null check (purpose in ('login', 'phone_change')),
      user_id uuid references users (id) on delete cascade,
      code_hash text not null,
      attempts integer not null default 0,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`,
    `create index sms_codes_lookup_idx on sms_codes (phone, purpose, created_at desc)`,
    `create table auth_ip_failures (
      ip text primary key,
      failed_count integer not null default 0,
      window_started_at timestamptz not null,
      locked_until timestamptz
    )`,
  ]);
}
