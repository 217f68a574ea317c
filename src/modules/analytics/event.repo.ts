// Every SQL statement over raw analytics events.
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { StoredEvent } from './analytics.types.ts';

export const eventRepo = {
  /**
   * Stores a batch in one statement: the rows travel as one JSON document unpacked by
   * `jsonb_to_recordset` (one bind parameter whatever the batch size, on both drivers), and the
   * days they fall on are marked for the rollup job in the same statement.
   */
  async insertBatch(db: Executor, events: readonly StoredEvent[], receivedAt: Date): Promise<number> {
    if (events.length === 0) return 0;
    const { rows } = await sql<{ n: number }>`
      with rows as (
        select * from jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
          as r(ts timestamptz, user_id uuid, type text, src text, payload jsonb)
      ),
      ins as (
        insert into analytics_events (ts, user_id, type, src, payload, received_at)
        select ts, user_id, type, src, coalesce(payload, '{}'::jsonb), ${receivedAt} from rows
        returning 1
      ),
      dirty as (
        insert into analytics_dirty_days (day)
        select distinct (ts at time zone 'UTC')::date from rows
        on conflict do nothing
      )
      select count(*)::int as n from ins`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
};
