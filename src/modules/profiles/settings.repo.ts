// Every SQL statement about profile_settings. Settings are stored sparse (see settings-input.ts).
import './profiles.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { ProfileSettingsRow } from './profiles.tables.ts';
import type { SettingsWrite } from './settings-input.ts';

export const settingsRepo = {
  find(db: Executor, userId: string): Promise<ProfileSettingsRow | undefined> {
    return db.selectFrom('profile_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },

  /** Stores exactly what a full update sent: everything else is back to its default. */
  replace(db: Executor, userId: string, write: SettingsWrite, now: Date): Promise<ProfileSettingsRow> {
    const values = {
      theme: write.theme ?? null,
      language: write.language ?? null,
      notifications: JSON.stringify(write.notifications),
      video: JSON.stringify(write.video),
      updated_at: now,
    };
    return db
      .insertInto('profile_settings')
      .values({ ...values, user_id: userId, created_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Changes what a partial update sent, merging the nested keys in one statement (no lost update). */
  merge(db: Executor, userId: string, write: SettingsWrite, now: Date): Promise<ProfileSettingsRow> {
    const notifications = JSON.stringify(write.notifications);
    const video = JSON.stringify(write.video);
    return db
      .insertInto('profile_settings')
      .values({
        user_id: userId,
        theme: write.theme ?? null,
        language: write.language ?? null,
        notifications,
        video,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({
          ...(write.theme !== undefined ? { theme: write.theme } : {}),
          ...(write.language !== undefined ? { language: write.language } : {}),
          notifications: sql<string>`profile_settings.notifications || ${notifications}::jsonb`,
          video: sql<string>`profile_settings.video || ${video}::jsonb`,
          updated_at: now,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async remove(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('profile_settings').where('user_id', '=', userId).execute();
  },
};
