// The background exports' rows: requested, progress as the job writes, the stored file's key.
import type { Selectable } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { AnalyticsExportsTable, ExportStatus } from './analytics.tables.ts';

export type ExportJobRow = Selectable<AnalyticsExportsTable>;

export const exportJobRepo = {
  insert(
    db: Executor,
    row: { requested_by: string; format: 'csv' | 'xlsx'; filter: Record<string, string>; created_at: Date },
  ): Promise<ExportJobRow> {
    return db
      .insertInto('analytics_exports')
      .values({ ...row, filter: JSON.stringify(row.filter) })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  find(db: Executor, id: string): Promise<ExportJobRow | undefined> {
    return db.selectFrom('analytics_exports').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async start(db: Executor, id: string, totalRows: number, now: Date): Promise<void> {
    await db
      .updateTable('analytics_exports')
      .set({ status: 'running', total_rows: totalRows, rows_written: 0, started_at: now, error: null })
      .where('id', '=', id)
      .execute();
  },

  async progress(db: Executor, id: string, rowsWritten: number): Promise<void> {
    await db.updateTable('analytics_exports').set({ rows_written: rowsWritten }).where('id', '=', id).execute();
  },

  async finish(
    db: Executor,
    id: string,
    outcome: { status: Extract<ExportStatus, 'completed' | 'failed'>; storage_key?: string; error?: string },
    now: Date,
  ): Promise<void> {
    await db
      .updateTable('analytics_exports')
      .set({
        status: outcome.status,
        storage_key: outcome.storage_key ?? null,
        error: outcome.error ?? null,
        completed_at: now,
      })
      .where('id', '=', id)
      .execute();
  },
};
