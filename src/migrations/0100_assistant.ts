import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// The AI course advisor: a user's chat sessions and their messages. Messages keep their order in
// `seq` (several may share one timestamp); an assistant message records who answered (the
// built-in advisor or a model) and which courses it was given, so a follow-up question can keep
// talking about them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table assistant_sessions (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      title text check (char_length(title) between 1 and 200),
      message_count integer not null default 0 check (message_count >= 0),
      last_message_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create index assistant_sessions_user_idx on assistant_sessions (user_id, updated_at desc, id)`,
    `create table assistant_messages (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      session_id uuid not null references assistant_sessions (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      role text not null check (role in ('user', 'assistant')),
      content text not null check (char_length(content) between 1 and 20000),
      provider text check (provider in ('builtin', 'openai')),
      model text check (char_length(model) <= 200),
      course_ids uuid[] not null default '{}',
      created_at timestamptz not null default now()
    )`,
    `create unique index assistant_messages_session_seq_key on assistant_messages (session_id, seq)`,
    // The daily quota counts a user's own messages of the last 24 hours.
    `create index assistant_messages_user_quota_idx on assistant_messages (user_id, created_at) where role = 'user'`,
  ]);
}
