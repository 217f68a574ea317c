// 003's event export: the events matching a filter, streamed as CSV or XLSX straight from keyset
// batches (see export.repo.ts and export-writers.ts). Exports span every user: admins only.
import type { Readable } from 'node:stream';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { exportInvalid } from './analytics.errors.ts';
import { assertPlatformReader } from './analytics.policy.ts';
import type { ExportFilter, ExportKey, ExportRow } from './export.repo.ts';
import { exportRepo } from './export.repo.ts';
import type { ExportFormat } from './export-writers.ts';
import { EXPORT_CONTENT_TYPES, writeExport } from './export-writers.ts';

/** Rows per database round trip. */
export const EXPORT_BATCH = 10_000;
const DAY_MS = 86_400_000;

export interface ExportQuery {
  format: ExportFormat;
  /** YYYY-MM-DD (UTC), inclusive. */
  start_date?: string | undefined;
  /** YYYY-MM-DD (UTC), inclusive. */
  end_date?: string | undefined;
  event_type?: string | undefined;
  user_id?: string | undefined;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  stream: Readable;
}

export function createExportService(deps: { database: DatabaseHandle; clock: Clock }) {
  const { database, clock } = deps;

  function filterOf(query: ExportQuery): ExportFilter {
    const from = query.start_date ? new Date(`${query.start_date}T00:00:00Z`) : undefined;
    const to = query.end_date ? new Date(Date.parse(`${query.end_date}T00:00:00Z`) + DAY_MS) : undefined;
    if (from && Number.isNaN(from.getTime())) throw exportInvalid('start_date', 'must be a date (YYYY-MM-DD)');
    if (to && Number.isNaN(to.getTime())) throw exportInvalid('end_date', 'must be a date (YYYY-MM-DD)');
    if (from && to && to <= from) throw exportInvalid('end_date', 'must not be before start_date');
    return { from, to, type: query.event_type, userId: query.user_id, receivedBy: clock.now() };
  }

  /**
   * The matching events, batch after batch; the next batch is read while the writer formats the
   * current one, so the database and the formatting overlap (at most two batches in memory).
   */
  async function* batchesOf(
    filter: ExportFilter,
    onBatch?: (rows: number) => Promise<void>,
  ): AsyncGenerator<ExportRow[]> {
    const read = (after: ExportKey | undefined) => {
      const next = exportRepo.batch(database.db, filter, after, EXPORT_BATCH);
      next.catch(() => undefined); // awaited below; a reader that stops early must not leave it unhandled
      return next;
    };
    let pending = read(undefined);
    for (;;) {
      const { rows, last } = await pending;
      const more = rows.length === EXPORT_BATCH;
      if (more) pending = read(last);
      if (rows.length > 0) yield rows;
      await onBatch?.(rows.length);
      if (!more) return;
    }
  }

  function fileName(query: ExportQuery): string {
    const span = [query.start_date, query.end_date].filter(Boolean).join('_');
    return `events${span ? `-${span}` : ''}.${query.format}`;
  }

  return {
    /** Checks the caller and the filter at once, then streams the file as it is read. */
    exportEvents(actor: Actor, query: ExportQuery): ExportFile {
      assertPlatformReader(actor);
      const filter = filterOf(query);
      return {
        filename: fileName(query),
        contentType: EXPORT_CONTENT_TYPES[query.format],
        // On PostgreSQL the database writes the CSV itself (COPY), about 5x faster than rows
        // through the driver and csv-stringify; PGlite and XLSX go through the batch writers.
        stream:
          query.format === 'csv' && database.copyOut
            ? database.copyOut(exportRepo.copyCsv(filter))
            : writeExport(query.format, batchesOf(filter)),
      };
    },
    filterOf,
    batchesOf,
    countOf: (filter: ExportFilter) => exportRepo.count(database.db, filter),
  };
}

export type ExportService = ReturnType<typeof createExportService>;
