import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Course chat: rooms (one per course, whose id is the course's id, plus group and direct rooms),
// their members, messages (kept in order by `seq`; edits and deletions keep the row) and
// reactions. Staff and actively enrolled students of a course are members of its room, kept in
// step by the communication module from catalog and learning events (and filled here for the
// courses that exist when it runs).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table chat_rooms (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('course', 'group', 'direct')),
      course_id uuid unique references courses (id) on delete cascade,
      name text not null check (char_length(name) between 1 and 300),
      description text not null default '' check (char_length(description) <= 10000),
      owner_id uuid references users (id) on delete set null,
      last_activity timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((kind = 'course') = (course_id is not null))
    )`,
    `create table chat_members (
      room_id uuid not null references chat_rooms (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      role text not null check (role in ('staff', 'student', 'owner', 'member')),
      joined_at timestamptz not null default now(),
      primary key (room_id, user_id)
    )`,
    `create index chat_members_user_idx on chat_members (user_id)`,
    `create table chat_messages (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      room_id uuid not null references chat_rooms (id) on delete cascade,
      user_id uuid references users (id) on delete set null,
      content text not null check (char_length(content) <= 4000),
      reply_to uuid references chat_messages (id) on delete set null,
      created_at timestamptz not null,
      edited_at timestamptz,
      deleted_at timestamptz
    )`,
    `create index chat_messages_room_idx on chat_messages (room_id, seq desc) where deleted_at is null`,
    `create table chat_reactions (
      message_id uuid not null references chat_messages (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      emoji text not null check (char_length(emoji) between 1 and 32),
      created_at timestamptz not null default now(),
      primary key (message_id, user_id, emoji)
    )`,
    // Courses that exist already get their rooms now; later ones through catalog events.
    `insert into chat_rooms (id, kind, course_id, name, description, owner_id)
      select id, 'course', id, left(title, 300), left(description, 10000), owner_id from courses`,
    `insert into chat_members (room_id, user_id, role)
      select id, owner_id, 'staff' from courses
      union select course_id, user_id, 'staff' from course_instructors`,
    `insert into chat_members (room_id, user_id, role)
      select course_id, user_id, 'student' from enrollments where status <> 'cancelled'
      on conflict do nothing`,
  ]);
}
