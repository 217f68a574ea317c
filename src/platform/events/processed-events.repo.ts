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

  /**
   * `mark` for several events in one statement: the ids that were not marked yet. Sorted, so two
   * batches sharing events lock their marks in the same order instead of deadlocking.
   */
  async markMany(db: Executor, subscriber: string, eventIds: string[], now: Date): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows = await db
      .insertInto('processed_events')
      .values([...new Set(eventIds)].sort().map((eventId) => ({ subscriber, event_id: eventId, processed_at: now })))
      .onConflict((oc) => oc.columns(['subscriber', 'event_id']).doNothing())
      .returning('event_id')
      .execute();
    return new Set(rows.map((row) => row.event_id));
  },

  async deleteOlderThan(db: Executor, before: Date): Promise<number> {
    const result = await db.deleteFrom('processed_events').where('processed_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
