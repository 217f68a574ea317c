import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Profiles: the profile proper, settings, social links and skills of a user. Each 1:1 table gets
// its row on the user's first write (reads of a missing row answer the defaults), so existing
// users need no backfill. Names and the avatar stay on users (identity's canonical fields).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table profiles (
      user_id uuid primary key references users (id) on delete cascade,
      nickname text check (char_length(nickname) between 1 and 50),
      bio text check (char_length(bio) between 1 and 2000),
      location text check (char_length(location) between 1 and 255),
      birth_date date,
      gender text check (gender in ('male', 'female', 'other')),
      country text check (char_length(country) between 1 and 100),
      city text check (char_length(city) between 1 and 100),
      company text check (char_length(company) between 1 and 150),
      position text check (char_length(position) between 1 and 150),
      experience_id smallint check (experience_id between 1 and 5),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    // Preferences are stored sparse (only what the user chose); reads fill in the defaults, so a
    // preference added later needs no migration and follows its default until someone sets it.
    `create table profile_settings (
      user_id uuid primary key references users (id) on delete cascade,
      theme text check (theme in ('light', 'dark', 'system')),
      language text check (char_length(language) between 2 and 35),
      notifications jsonb not null default '{}' check (jsonb_typeof(notifications) = 'object'),
      video jsonb not null default '{}' check (jsonb_typeof(video) = 'object'),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create table profile_social_links (
      user_id uuid primary key references users (id) on delete cascade,
      website text check (website ~* '^https?://' and char_length(website) <= 2048),
      github text check (github ~* '^https?://' and char_length(github) <= 2048),
      linkedin text check (linkedin ~* '^https?://' and char_length(linkedin) <= 2048),
      twitter text check (twitter ~* '^https?://' and char_length(twitter) <= 2048),
      youtube text check (youtube ~* '^https?://' and char_length(youtube) <= 2048),
      facebook text check (facebook ~* '^https?://' and char_length(facebook) <= 2048),
      instagram text check (instagram ~* '^https?://' and char_length(instagram) <= 2048),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create table profile_skills (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      name text not null check (char_length(name) between 1 and 100),
      proficiency smallint not null check (proficiency between 1 and 5),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    // One skill name per user whatever its case; the index also serves the per-user listing.
    `create unique index profile_skills_user_name_key on profile_skills (user_id, lower(name))`,
  ]);
}
