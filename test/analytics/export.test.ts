// 003's event export: CSV and XLSX read back and checked row by row against a known data set,
// the filters, formula-injection escaping, keyset batches over many events sharing one
// timestamp, and who may export.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { app } = lectern;
const { owner, admin, studentA } = await createCast(lectern);

const DAY = 86_400_000;
const today = new Date(`${lectern.clock.now().toISOString().slice(0, 10)}T00:00:00Z`).getTime();
const at = (dayOffset: number, minutes: number) => new Date(today + dayOffset * DAY + minutes * 60_000).toISOString();
const dayOf = (dayOffset: number) => new Date(today + dayOffset * DAY).toISOString().slice(0, 10);
const [u1, u2] = [randomUUID(), randomUUID()];

async function ingest(events: object[]) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/analytics/ingest',
    headers: admin.auth,
    payload: events,
  });
  assert.equal(response.statusCode, 200, response.body);
}

// Cells a spreadsheet would evaluate, one per dangerous first character.
const HOSTILE = ['=HYPERLINK("http://evil.test","x")', '+1+2', '-3+4', '@SUM(A1)', '\tTAB', '\rCR'];
await ingest([
  { ts: at(-2, 10), user_id: u1, type: 'page_view', src: 'web_app', payload: { page: '/home' } },
  { ts: at(-1, 20), user_id: u2, type: 'page_view', payload: { page: '=1+1' } },
  { ts: at(-1, 30), user_id: u1, type: 'course_viewed', src: 'mobile_app', payload: { course: 'x' } },
  ...HOSTILE.map((type, i) => ({
    ts: at(0, i),
    user_id: u2,
    type,
    src: HOSTILE[(i + 1) % HOSTILE.length],
    payload: {},
  })),
]);

async function exportOf(user: TestUser | undefined, query: string) {
  return app.inject({ method: 'GET', url: `/api/analytics/reports/events?${query}`, headers: user ? user.auth : {} });
}
async function csvOf(query: string): Promise<string[][]> {
  const response = await exportOf(admin, `format=csv&${query}`);
  assert.equal(response.statusCode, 200, response.body);
  assert.match(String(response.headers['content-type']), /^text\/csv/);
  return parse(response.body, { relax_column_count: false }) as string[][];
}
const HEADER = ['timestamp', 'user_id', 'event_type', 'source', 'payload'];

describe('GET /api/analytics/reports/events?format=csv', () => {
  it('exports the matching events oldest first, one row each', async () => {
    const rows = await csvOf(`user_id=${u1}`);
    assert.deepEqual(rows, [
      HEADER,
      [at(-2, 10), u1, 'page_view', 'web_app', '{"page": "/home"}'],
      [at(-1, 30), u1, 'course_viewed', 'mobile_app', '{"course": "x"}'],
    ]);
  });

  it('filters by UTC days (both inclusive) and by type', async () => {
    const yesterday = await csvOf(`start_date=${dayOf(-1)}&end_date=${dayOf(-1)}&user_id=${u2}`);
    assert.deepEqual(yesterday.slice(1), [[at(-1, 20), u2, 'page_view', '', '{"page": "=1+1"}']]);
    const views = await csvOf(`event_type=page_view&start_date=${dayOf(-2)}`);
    assert.deepEqual(
      views.slice(1).map((row) => [row[0], row[1]]),
      [
        [at(-2, 10), u1],
        [at(-1, 20), u2],
      ],
    );
    const attachment = await exportOf(admin, `format=csv&start_date=${dayOf(-1)}&end_date=${dayOf(0)}`);
    assert.equal(attachment.headers['content-disposition'], `attachment; filename=events-${dayOf(-1)}_${dayOf(0)}.csv`);
  });

  it('neutralises cells that start a formula', async () => {
    const rows = await csvOf(`user_id=${u2}&start_date=${dayOf(0)}`);
    assert.equal(rows.length, 1 + HOSTILE.length);
    for (const [i, hostile] of HOSTILE.entries()) {
      const row = rows[i + 1]!;
      assert.equal(row[2], `'${hostile}`);
      assert.equal(row[3], `'${HOSTILE[(i + 1) % HOSTILE.length]}`);
    }
    // No cell of the whole file starts with a formula character.
    for (const row of await csvOf('')) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
  });
});

describe('GET /api/analytics/reports/events?format=xlsx', () => {
  it('writes a workbook whose cells are strings, never formulas', async () => {
    const response = await exportOf(admin, `format=xlsx&user_id=${u2}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('events')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push([1, 2, 3, 4, 5].map((column) => row.getCell(column).value ?? null)));
    assert.deepEqual(rows[0], HEADER);
    assert.deepEqual(rows[1], [at(-1, 20), u2, 'page_view', null, '{"page": "=1+1"}']);
    assert.equal(rows.length, 2 + HOSTILE.length);
    for (const [i, hostile] of HOSTILE.entries()) {
      const cell = sheet.getRow(i + 3).getCell(3);
      assert.equal(cell.type, ExcelJS.ValueType.String);
      // XML parsers read a raw CR in text as LF; the cell stays a string either way.
      assert.equal(cell.value, hostile.replace('\r', '\n'));
    }
  });
});

describe('GET /api/analytics/reports/events: batches, validation, access', () => {
  it('reads many events sharing one timestamp across batches, each exactly once', async () => {
    const ts = at(-1, 45);
    for (let batch = 0; batch < 11; batch++) {
      await ingest(
        Array.from({ length: 1000 }, (_, i) => ({ ts, user_id: u1, type: 'bulk', payload: { n: batch * 1000 + i } })),
      );
    }
    const rows = (await csvOf('event_type=bulk')).slice(1);
    assert.equal(rows.length, 11_000);
    const seen = new Set(rows.map((row) => (JSON.parse(row[4]!) as { n: number }).n));
    assert.equal(seen.size, 11_000);
  });

  it('answers 400 for an unsupported format or dates in the wrong order, in 003’s error format', async () => {
    const pdf = await exportOf(admin, 'format=pdf');
    assert.equal(pdf.statusCode, 400);
    assert.equal(typeof pdf.json().error.code, 'string');
    assert.equal((await exportOf(admin, '')).statusCode, 400);
    assert.equal((await exportOf(admin, 'format=csv&start_date=yesterday')).statusCode, 400);
    const backwards = await exportOf(admin, `format=csv&start_date=${dayOf(0)}&end_date=${dayOf(-1)}`);
    assert.equal(backwards.statusCode, 400);
    assert.match(JSON.stringify(backwards.json().error), /end_date/);
  });

  it('is for admins: students and instructors 403, anonymous 401', async () => {
    assert.equal((await exportOf(studentA, 'format=csv')).statusCode, 403);
    assert.equal((await exportOf(owner, 'format=xlsx')).statusCode, 403);
    assert.equal((await exportOf(undefined, 'format=csv')).statusCode, 401);
  });
});
