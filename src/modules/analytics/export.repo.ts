// Reading events for an export in keyset batches: ordered by (ts, ctid), which is unique because
// a timestamp decides the partition and events are never updated, so each batch starts where the
// last one ended without holding a cursor (or PGlite's only connection) open between batches.
import { sql } from 'kysely';
import pg from 'pg';

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

  /**
   * The same rows, columns, order and cell text as `batch` + the CSV writer, as one
   * `COPY ... TO STDOUT (FORMAT csv, HEADER)` for PostgreSQL: the database writes the CSV itself.
   * COPY takes no bind parameters, so the filter's values are escaped literals. Cells a
   * spreadsheet would evaluate get the same leading apostrophe as `neutralise`.
   */
  copyCsv(filter: ExportFilter): string {
    const literal = (value: string) => pg.escapeLiteral(value);
    const time = (value: Date) => `${literal(value.toISOString())}::timestamptz`;
    const where = [
      `received_at <= ${time(filter.receivedBy)}`,
      ...(filter.from ? [`ts >= ${time(filter.from)}`] : []),
      ...(filter.to ? [`ts < ${time(filter.to)}`] : []),
      ...(filter.type ? [`type = ${literal(filter.type)}`] : []),
      ...(filter.userId ? [`user_id = ${literal(filter.userId)}::uuid`] : []),
    ].join(' and ');
    const cell = (expression: string) =>
      // A first-character test, cheaper per cell than a regular expression.
      `case when left(${expression}, 1) in ('=', '+', '-', '@', E'\\t', E'\\r') then '''' || ${expression} else ${expression} end`;
    return `copy (
      select to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as timestamp,
        user_id, ${cell('type')} as event_type, ${cell('src')} as source, ${cell('payload::text')} as payload
      from analytics_events
      where ${where}
      order by analytics_events.ts, analytics_events.ctid
    ) to stdout with (format csv, header true)`;
  },

  async count(db: Executor, filter: ExportFilter): Promise<number> {
    const { rows } = await sql<{ n: string }>`
      select count(*)::text as n from analytics_events
      where ${matching(filter)}`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
};
