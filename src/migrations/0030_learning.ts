import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Enrolments, per-lesson progress, video watch spans, bookmarks and notes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table enrollments (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      course_id uuid not null references courses (id) on delete cascade,
      status text not null default 'active' check (status in ('active', 'completed', 'cancelled')),
      payment_status text not null default 'free' check (payment_status in ('free', 'paid', 'refunded')),
      progress_percentage numeric(5, 2) not null default 0 check (progress_percentage between 0 and 100),
      granted_by uuid references users (id) on delete set null,
      enrolled_at timestamptz not null default now(),
      completed_at timestamptz,
      cancelled_at timestamptz,
      last_accessed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (user_id, course_id)
    )`,
    `create index enrollments_course_idx on enrollments (course_id, status)`,
    `create table enrollment_payments (
      id uuid primary key default gen_random_uuid(),
      enrollment_id uuid not null references enrollments (id) on delete cascade,
      amount numeric(12, 2) not null check (amount >= 0),
      currency text not null,
      reference text,
      recorded_by uuid references users (id) on delete set null,
      recorded_at timestamptz not null default now(),
      refunded_at timestamptz
    )`,
    `create index enrollment_payments_enrollment_idx on enrollment_payments (enrollment_id)`,
    `create table lesson_progress (
      id uuid primary key default gen_random_uuid(),
      enrollment_id uuid not null references enrollments (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      course_id uuid not null references courses (id) on delete cascade,
      lesson_id uuid not null references lessons (id) on delete cascade,
      completed boolean not null default false,
      completed_at timestamptz,
      score numeric(6, 2) check (score >= 0),
      video_watched boolean not null default false,
      watched_seconds integer not null default 0 check (watched_seconds >= 0),
      last_position_seconds integer not null default 0 check (last_position_seconds >= 0),
      completion_percentage numeric(5, 2) not null default 0 check (completion_percentage between 0 and 100),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (enrollment_id, lesson_id)
    )`,
    `create index lesson_progress_lesson_idx on lesson_progress (lesson_id)`,
    `create index lesson_progress_user_idx on lesson_progress (user_id)`,
    // One row per reported stretch of playback; views, unique viewers, completion and drop-off
    // are computed from these, and the unique watched time is their union.
    `create table watch_spans (
      id uuid primary key default gen_random_uuid(),
      enrollment_id uuid not null references enrollments (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      lesson_id uuid not null references lessons (id) on delete cascade,
      session_id uuid,
      start_seconds integer not null check (start_seconds >= 0),
      end_seconds integer not null,
      created_at timestamptz not null default now(),
      check (end_seconds >= start_seconds)
    )`,
    `create index watch_spans_lesson_idx on watch_spans (lesson_id)`,
    `create index watch_spans_enrollment_lesson_idx on watch_spans (enrollment_id, lesson_id)`,
    `create table bookmarks (
      id uuid primary key default gen_random_uuid(),
      enrollment_id uuid not null references enrollments (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      lesson_id uuid not null references lessons (id) on delete cascade,
      timestamp_seconds integer not null default 0 check (timestamp_seconds >= 0),
      title text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create index bookmarks_enrollment_idx on bookmarks (enrollment_id, lesson_id, timestamp_seconds)`,
    `create table notes (
      id uuid primary key default gen_random_uuid(),
      enrollment_id uuid not null references enrollments (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      lesson_id uuid not null references lessons (id) on delete cascade,
      timestamp_seconds integer not null default 0 check (timestamp_seconds >= 0),
      content text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create index notes_enrollment_idx on notes (enrollment_id, lesson_id, timestamp_seconds)`,
  ]);
}
