// Reading events for an export in keyset batches: ordered by (ts, ctid), which is unique because
// a timestamp decides the partition and events are never updated, so each batch starts where the
// last one ended without holding a cursor (or PGlite's only connection) open between batches.
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';

export interface ExportFilter {
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
  type?: string | undefined;
  userId?: string | undefined;
  /** Only events stored by then: an export is a consistent cut even while events arrive. */
  receivedBy: Date;
}

/** Where the previous batch ended. */
export interface ExportKey {
  /** Microsecond-exact timestamp text. */
  ts: string;
  ctid: string;
}

/** One event as exported: every field already text (the payload as its JSON). */
export interface ExportRow {
  ts: string;
  user_id: string | null;
  type: string;
  src: string | null;
  payload: string;
}

const matching = (filter: ExportFilter) => sql`received_at <= ${filter.receivedBy}
  ${filter.from ? sql`and ts >= ${filter.from}` : sql``}
  ${filter.to ? sql`and ts < ${filter.to}` : sql``}
  ${filter.type ? sql`and type = ${filter.type}` : sql``}
  ${filter.userId ? sql`and user_id = ${filter.userId}` : sql``}`;

export const exportRepo = {
  async batch(
    db: Executor,
    filter: ExportFilter,
    after: ExportKey | undefined,
    limit: number,
  ): Promise<{ rows: ExportRow[]; last: ExportKey | undefined }> {
    const { rows } = await sql<ExportRow & { key_ts: string; key_ctid: string }>`
      select to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ts, user_id, type, src,
        payload::text as payload,
        to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key_ts, ctid::text as key_ctid
      from analytics_events
      where ${matching(filter)}
        ${after ? sql`and ts >= ${after.ts}::timestamptz and (ts, ctid) > (${after.ts}::timestamptz, ${after.ctid}::tid)` : sql``}
      -- Qualified: a bare ts here would mean the formatted text column (a full sort every batch).
      order by analytics_events.ts, analytics_events.ctid
      limit ${limit}`.execute(db);
    const tail = rows.at(-1);
    return {
      rows: rows.map(({ ts, user_id, type, src, payload }) => ({ ts, user_id, type, src, payload })),
      last: tail ? { ts: tail.key_ts, ctid: tail.key_ctid } : undefined,
    };
  },

  async count(db: Executor, filter: ExportFilter): Promise<number> {
    const { rows } = await sql<{ n: string }>`
      select count(*)::text as n from analytics_events
      where ${matching(filter)}`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
};
