import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Reminders already sent (an assignment due, a scheduled course session), one row per reminder
// and person, so a scheduled job that runs again, or twice at once, reminds each person once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table notification_reminders (
      kind text not null check (kind in ('assignment_due', 'lesson_reminder')),
      subject_key text not null check (char_length(subject_key) between 1 and 200),
      user_id uuid not null references users (id) on delete cascade,
      sent_at timestamptz not null,
      primary key (kind, subject_key, user_id)
    )`,
  ]);
}
