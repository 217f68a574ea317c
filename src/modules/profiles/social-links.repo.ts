// Every SQL statement about profile_social_links.
import './profiles.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import type { ProfileSocialLinksRow } from './profiles.tables.ts';
import type { SocialLinkValues } from './profiles.types.ts';

export const socialLinksRepo = {
  find(db: Executor, userId: string): Promise<ProfileSocialLinksRow | undefined> {
    return db.selectFrom('profile_social_links').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },

  /** Creates the row on the first write; later writes change only the links given. */
  upsert(db: Executor, userId: string, links: Partial<SocialLinkValues>, now: Date): Promise<ProfileSocialLinksRow> {
    return db
      .insertInto('profile_social_links')
      .values({ ...links, user_id: userId, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...links, updated_at: now }))
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async remove(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('profile_social_links').where('user_id', '=', userId).execute();
  },
};
