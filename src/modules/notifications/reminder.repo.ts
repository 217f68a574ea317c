// Reminders already sent, one per reminder and person.
import './notifications.tables.ts';

import type { Executor } from '../../platform/db/index.ts';

export const reminderRepo = {
  /** Claims the reminder for the person; false when it was sent already. */
  async claim(
    db: Executor,
    kind: 'assignment_due' | 'lesson_reminder',
    subjectKey: string,
    userId: string,
    now: Date,
  ): Promise<boolean> {
    const row = await db
      .insertInto('notification_reminders')
      .values({ kind, subject_key: subjectKey, user_id: userId, sent_at: now })
      .onConflict((oc) => oc.columns(['kind', 'subject_key', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    return row !== undefined;
  },
};
