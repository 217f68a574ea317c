// Export files written as streams: rows flow from the database in batches through a CSV writer
// (csv-stringify, one batch at a time) or a streaming XLSX workbook (exceljs), with the consumer's backpressure, so an
// export of millions of events never sits in memory. Spreadsheet formula injection is neutralised
// as OWASP advises: a CSV cell starting with =, +, -, @, tab or CR gets a leading apostrophe, and
// XLSX cells are always written as strings (never formulas).
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';

import { stringify } from 'csv-stringify/sync';

import type { ExportRow } from './export.repo.ts';

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_COLUMNS = ['timestamp', 'user_id', 'event_type', 'source', 'payload'] as const;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell a spreadsheet would not evaluate (OWASP CSV injection). */
export const neutralise = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

const cellsOf = (row: ExportRow) => [row.ts, row.user_id ?? '', row.type, row.src ?? '', row.payload];

/** Writes the rows of `batches` in `format` to a readable stream. */
export function writeExport(format: ExportFormat, batches: AsyncIterable<ExportRow[]>): Readable {
  return format === 'csv' ? writeCsv(batches) : writeXlsx(batches);
}

function writeCsv(batches: AsyncIterable<ExportRow[]>): Readable {
  // One CSV chunk per database batch: bounded memory, and far fewer writes than a chunk per row.
  async function* chunks() {
    yield stringify([[...EXPORT_COLUMNS]]);
    for await (const rows of batches) yield stringify(rows.map((row) => cellsOf(row).map(neutralise)));
  }
  return Readable.from(chunks(), { objectMode: false });
}

function writeXlsx(batches: AsyncIterable<ExportRow[]>): Readable {
  const out = new PassThrough();
  (async () => {
    // exceljs and its zip libraries are some 400 modules: loaded with the first xlsx export only.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('events');
    sheet.addRow([...EXPORT_COLUMNS]).commit();
    for await (const rows of batches) {
      for (const row of rows) sheet.addRow(cellsOf(row)).commit();
      // Let the zip catch up with what this batch added before reading the next one.
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
