import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// The course side's core tables; learning and assessment reference them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table categories (
      id uuid primary key default gen_random_uuid(),
      parent_id uuid references categories (id) on delete set null,
      name text not null,
      slug text not null unique,
      description text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create table tags (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      created_at timestamptz not null default now()
    )`,
    `create unique index tags_name_unique on tags (lower(name))`,
    `create table courses (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references users (id),
      category_id uuid references categories (id) on delete set null,
      title text not null,
      slug text not null unique,
      code text,
      description text not null default '',
      level text not null default 'beginner' check (level in ('beginner', 'intermediate', 'advanced', 'expert')),
      status text not null default 'draft' check (status in ('draft', 'review', 'published', 'archived')),
      price numeric(12, 2) not null default 0 check (price >= 0),
      currency text not null default 'USD',
      thumbnail_url text,
      estimated_duration_minutes integer check (estimated_duration_minutes >= 0),
      session_duration_minutes integer check (session_duration_minutes >= 0),
      max_students integer check (max_students > 0),
      enrolled_count integer not null default 0 check (enrolled_count >= 0),
      schedule jsonb not null default '[]',
      has_certificate boolean not null default false,
      published_at timestamptz,
      search_vector tsvector,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create unique index courses_code_unique on courses (code) where code is not null`,
    `create index courses_owner_idx on courses (owner_id)`,
    `create index courses_listing_idx on courses (status, created_at desc)`,
    `create index courses_category_idx on courses (category_id)`,
    `create index courses_search_idx on courses using gin (search_vector)`,
    `create table course_instructors (
      course_id uuid not null references courses (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (course_id, user_id)
    )`,
    `create index course_instructors_user_idx on course_instructors (user_id)`,
    `create table course_tags (
      course_id uuid not null references courses (id) on delete cascade,
      tag_id uuid not null references tags (id) on delete cascade,
      primary key (course_id, tag_id)
    )`,
    `create index course_tags_tag_idx on course_tags (tag_id)`,
    `create table sections (
      id uuid primary key default gen_random_uuid(),
      course_id uuid not null references courses (id) on delete cascade,
      title text not null,
      description text not null default '',
      position integer not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create index sections_course_idx on sections (course_id, position)`,
    `create table lessons (
      id uuid primary key default gen_random_uuid(),
      course_id uuid not null references courses (id) on delete cascade,
      section_id uuid not null references sections (id) on delete cascade,
      title text not null,
      type text not null default 'text' check (type in ('video', 'pdf', 'text', 'quiz', 'document')),
      content text not null default '',
      video_url text,
      video_provider text,
      vimeo_id text,
      duration_seconds integer not null default 0 check (duration_seconds >= 0),
      status text not null default 'draft' check (status in ('draft', 'published')),
      is_free_preview boolean not null default false,
      is_required boolean not null default true,
      position integer not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create index lessons_section_idx on lessons (section_id, position)`,
    `create index lessons_course_idx on lessons (course_id)`,
  ]);
}
