import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Certificates of completion, numbered CERT-YYYY-NNNNNN without gaps by a counter row per year.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table certificate_counters (
      year integer primary key,
      last_number integer not null check (last_number >= 0)
    )`,
    `create table certificates (
      id uuid primary key default gen_random_uuid(),
      enrollment_id uuid not null unique references enrollments (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      course_id uuid not null references courses (id) on delete cascade,
      certificate_number text not null unique,
      verification_code text not null unique,
      course_title text not null,
      student_name text not null,
      issued_at timestamptz not null,
      pdf_key text,
      pdf_ready_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid references users (id) on delete set null,
      revoke_reason text,
      created_at timestamptz not null default now()
    )`,
    `create index certificates_user_idx on certificates (user_id, issued_at desc)`,
  ]);
}
