// Background exports: an admin asks for an export, a queue job streams it into storage (the same
// writers and keyset batches as the direct download) recording progress after every batch, and
// the finished file is offered through a short-lived signed download link.
import type { FastifyBaseLogger } from 'fastify';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { Queue } from '../../platform/queue/index.ts';
import type { Storage } from '../../platform/storage/index.ts';
import { assertPlatformReader } from './analytics.policy.ts';
import type { ExportStatus } from './analytics.tables.ts';
import type { ExportQuery, ExportService } from './export.service.ts';
import type { ExportJobRow } from './export-job.repo.ts';
import { exportJobRepo } from './export-job.repo.ts';
import { EXPORT_CONTENT_TYPES, writeExport } from './export-writers.ts';

export const EXPORT_JOB = 'analytics.export';
/** How long a download link stays valid. */
export const EXPORT_LINK_SECONDS = 900;

export interface ExportJob {
  id: string;
  format: 'csv' | 'xlsx';
  query: ExportQuery;
  status: ExportStatus;
  /** Percent of the matching events written so far. */
  progress: number;
  rows_written: number;
  total_rows: number | null;
  /** A signed link, valid EXPORT_LINK_SECONDS, once completed. */
  download_url: string | null;
  download_expires_at: Date | null;
  error: string | null;
  created_at: Date;
  completed_at: Date | null;
}

export function createExportJobService(deps: {
  database: DatabaseHandle;
  clock: Clock;
  queue: Queue;
  storage: Storage;
  exports: ExportService;
  log: Pick<FastifyBaseLogger, 'info' | 'error'>;
}) {
  const { database, clock, queue, storage, exports, log } = deps;
  const keyOf = (row: ExportJobRow) => `analytics-exports/${row.id}.${row.format}`;

  async function view(row: ExportJobRow): Promise<ExportJob> {
    const written = Number(row.rows_written);
    const total = row.total_rows === null ? null : Number(row.total_rows);
    const done = row.status === 'completed';
    const progress = done ? 100 : total ? Math.floor((100 * written) / total) : 0;
    return {
      id: row.id,
      format: row.format,
      query: { ...(row.filter as Omit<ExportQuery, 'format'>), format: row.format },
      status: row.status,
      progress,
      rows_written: written,
      total_rows: total,
      download_url:
        done && row.storage_key
          ? await storage.signedDownloadUrl(row.storage_key, {
              expiresInSeconds: EXPORT_LINK_SECONDS,
              filename: `events-${row.id}.${row.format}`,
              contentType: EXPORT_CONTENT_TYPES[row.format],
            })
          : null,
      download_expires_at: done ? new Date(clock.now().getTime() + EXPORT_LINK_SECONDS * 1000) : null,
      error: row.error,
      created_at: row.created_at,
      completed_at: row.completed_at,
    };
  }

  return {
    /** Records the request and queues its job in one transaction. */
    async request(actor: Actor, query: ExportQuery): Promise<ExportJob> {
      assertPlatformReader(actor);
      exports.filterOf(query);
      const { format, ...filter } = query;
      const row = await database.transaction(async (tx) => {
        const created = await exportJobRepo.insert(tx, {
          requested_by: actor.id,
          format,
          filter: Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)),
          created_at: clock.now(),
        });
        await queue.send(EXPORT_JOB, { id: created.id }, { tx });
        return created;
      });
      return view(row);
    },

    async get(actor: Actor, id: string): Promise<ExportJob> {
      assertPlatformReader(actor);
      const row = await exportJobRepo.find(database.db, id);
      if (!row) throw notFound('Export', id);
      return view(row);
    },

    /** The job: writes the file; a failure is recorded on the export (ask again to retry). */
    async run(id: string): Promise<void> {
      const row = await exportJobRepo.find(database.db, id);
      if (!row || row.status === 'completed') return;
      // The cut is the request's time, so the file holds what existed when it was asked for.
      const filter = { ...exports.filterOf({ ...row.filter, format: row.format }), receivedBy: row.created_at };
      await exportJobRepo.start(database.db, id, await exports.countOf(filter), clock.now());
      let written = 0;
      try {
        const batches = exports.batchesOf(filter, async (rows) => {
          written += rows;
          await exportJobRepo.progress(database.db, id, written);
        });
        const key = keyOf(row);
        await storage.put(key, writeExport(row.format, batches), { contentType: EXPORT_CONTENT_TYPES[row.format] });
        await exportJobRepo.finish(database.db, id, { status: 'completed', storage_key: key }, clock.now());
        log.info({ export: id, rows: written }, 'analytics export written');
      } catch (error) {
        log.error({ err: error, export: id }, 'analytics export failed');
        await exportJobRepo.finish(
          database.db,
          id,
          { status: 'failed', error: 'The export could not be written' },
          clock.now(),
        );
      }
    },
  };
}
