// Every SQL statement about the profiles table.
import './profiles.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import type { ProfileRow } from './profiles.tables.ts';
import type { ProfileFields } from './profiles.types.ts';

export const profileRepo = {
  find(db: Executor, userId: string): Promise<ProfileRow | undefined> {
    return db.selectFrom('profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },

  /** Creates the row on the first write; later writes change only the fields given (all of them for a full update). */
  upsert(db: Executor, userId: string, fields: Partial<ProfileFields>, now: Date): Promise<ProfileRow> {
    return db
      .insertInto('profiles')
      .values({ ...fields, user_id: userId, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...fields, updated_at: now }))
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async remove(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('profiles').where('user_id', '=', userId).execute();
  },
};
