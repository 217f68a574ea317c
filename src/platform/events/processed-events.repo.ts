// Every SQL statement about the "processed (subscriber, event)" marks of the event bus.
import type { ColumnType } from 'kysely';

import type { Executor } from '../db/index.ts';

export interface ProcessedEventsTable {
  subscriber: string;
  event_id: string;
  processed_at: ColumnType<Date, Date, Date>;
}

declare module '../db/database.ts' {
  interface Database {
    processed_events: ProcessedEventsTable;
  }
}

export const processedEventsRepo = {
  /**
   * Marks the event processed by the subscriber; false when it already was. Inside the handler's
   * transaction the new row stays locked until commit, so a concurrent second delivery waits and
   * then finds the mark.
   */
  async mark(db: Executor, subscriber: string, eventId: string, now: Date): Promise<boolean> {
    const row = await db
      .insertInto('processed_events')
      .values({ subscriber, event_id: eventId, processed_at: now })
      .onConflict((oc) => oc.columns(['subscriber', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    return row !== undefined;
  },

  async deleteOlderThan(db: Executor, before: Date): Promise<number> {
    const result = await db.deleteFrom('processed_events').where('processed_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
