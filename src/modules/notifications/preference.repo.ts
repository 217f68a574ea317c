// Every SQL statement about users' notification preferences (stored sparse).
import './notifications.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';

export const preferenceRepo = {
  find(db: Executor, userId: string) {
    return db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },

  /** Merges the changed keys per channel in one statement, so two partial updates never lose one another. */
  merge(db: Executor, userId: string, patch: Record<string, Record<string, boolean>>, now: Date) {
    const json = JSON.stringify(patch);
    return db
      .insertInto('notification_preferences')
      .values({ user_id: userId, preferences: json, updated_at: now })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({
          preferences: sql`(
            select coalesce(jsonb_object_agg(key, coalesce(notification_preferences.preferences -> key, '{}'::jsonb) || value), '{}'::jsonb)
              || (notification_preferences.preferences - array(select jsonb_object_keys(${json}::jsonb)))
            from jsonb_each(${json}::jsonb)
          )`,
          updated_at: now,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  },
};
