// Every SQL statement about admins' template overrides.
import './notifications.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import type { TemplateOverrideRow } from './notifications.tables.ts';
import type { Channel, TemplateContent } from './notifications.types.ts';

export const templateRepo = {
  find(db: Executor, name: string, channel: Channel): Promise<TemplateOverrideRow | undefined> {
    return db
      .selectFrom('notification_template_overrides')
      .selectAll()
      .where('name', '=', name)
      .where('channel', '=', channel)
      .executeTakeFirst();
  },

  listAll(db: Executor): Promise<TemplateOverrideRow[]> {
    return db.selectFrom('notification_template_overrides').selectAll().execute();
  },

  listFor(db: Executor, name: string): Promise<TemplateOverrideRow[]> {
    return db.selectFrom('notification_template_overrides').selectAll().where('name', '=', name).execute();
  },

  upsert(db: Executor, name: string, channel: Channel, content: TemplateContent, by: string, now: Date) {
    const values = {
      subject: content.subject,
      body_text: content.text,
      body_html: content.html,
      updated_by: by,
      updated_at: now,
    };
    return db
      .insertInto('notification_template_overrides')
      .values({ name, channel, ...values })
      .onConflict((oc) => oc.columns(['name', 'channel']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async remove(db: Executor, name: string, channel: Channel): Promise<void> {
    await db
      .deleteFrom('notification_template_overrides')
      .where('name', '=', name)
      .where('channel', '=', channel)
      .execute();
  },
};
