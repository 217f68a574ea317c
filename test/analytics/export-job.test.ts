// Background exports: requested through HTTP, written by the queue job into storage, progress
// recorded, and the file fetched through its signed link and compared with the direct export.
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

const u1 = randomUUID();
const ts = (i: number) => new Date(lectern.clock.now().getTime() - 3_600_000 + i).toISOString();
// 12,500 events: more than one batch of the export's keyset reads.
for (let batch = 0; batch < 13; batch++) {
  const size = batch === 12 ? 500 : 1000;
  const response = await app.inject({
    method: 'POST',
    url: '/api/analytics/ingest',
    headers: admin.auth,
    payload: Array.from({ length: size }, (_, i) => ({
      ts: ts(batch * 1000 + i),
      user_id: u1,
      type: 'job_test',
      src: i === 0 ? '=cmd' : 'web',
      payload: { n: batch * 1000 + i },
    })),
  });
  assert.equal(response.statusCode, 200, response.body);
}

const request = (user: TestUser | undefined, body: object) =>
  app.inject({
    method: 'POST',
    url: '/api/analytics/reports/events/exports',
    headers: user ? user.auth : {},
    payload: body,
  });
const read = (user: TestUser | undefined, id: string) =>
  app.inject({ method: 'GET', url: `/api/analytics/reports/events/exports/${id}`, headers: user ? user.auth : {} });
/** The signed link is absolute (the public URL); the test app answers its path. */
const download = (url: string) => {
  const { pathname, search } = new URL(url);
  return app.inject({ method: 'GET', url: pathname + search });
};

describe('background event exports', () => {
  it('writes the CSV file with progress and serves it through a signed link', async () => {
    const requested = await request(admin, { format: 'csv', event_type: 'job_test', user_id: u1 });
    assert.equal(requested.statusCode, 202, requested.body);
    const { id, format } = requested.json();
    assert.equal(format, 'csv');
    await lectern.queue.settle();

    const done = await read(admin, id);
    assert.equal(done.statusCode, 200, done.body);
    const body = done.json();
    assert.equal(body.status, 'completed');
    assert.equal(body.progress, 100);
    assert.equal(body.rows_written, 12_500);
    assert.equal(body.total_rows, 12_500);
    assert.ok(Date.parse(body.download_expires_at) > lectern.clock.now().getTime());

    const file = await download(body.download_url);
    assert.equal(file.statusCode, 200);
    const direct = await app.inject({
      method: 'GET',
      url: `/api/analytics/reports/events?format=csv&event_type=job_test&user_id=${u1}`,
      headers: admin.auth,
    });
    assert.equal(file.body, direct.body);
    const rows = parse(file.body) as string[][];
    assert.equal(rows.length, 12_501);
    assert.equal(rows[1]![3], "'=cmd");
    assert.equal(new Set(rows.slice(1).map((row) => row[4])).size, 12_500);

    // A link whose signature does not match is refused.
    const tampered = new URL(body.download_url);
    tampered.searchParams.set('signature', '0'.repeat(64));
    const refused = await app.inject({ method: 'GET', url: tampered.pathname + tampered.search });
    assert.equal(refused.statusCode, 403);
  });

  it('writes an XLSX workbook', async () => {
    const requested = await request(admin, { format: 'xlsx', event_type: 'job_test', user_id: u1 });
    assert.equal(requested.statusCode, 202, requested.body);
    await lectern.queue.settle();
    const body = (await read(admin, requested.json().id)).json();
    assert.equal(body.status, 'completed');
    const file = await download(body.download_url);
    assert.equal(file.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('events')!;
    assert.equal(sheet.rowCount, 12_501);
    assert.equal(sheet.getRow(2).getCell(4).value, '=cmd');
    assert.equal(sheet.getRow(2).getCell(4).type, ExcelJS.ValueType.String);
  });

  it('checks the request and who asks', async () => {
    assert.equal((await request(admin, { format: 'pdf' })).statusCode, 400);
    assert.equal(
      (await request(admin, { format: 'csv', start_date: '2026-02-02', end_date: '2026-02-01' })).statusCode,
      400,
    );
    assert.equal((await request(studentA, { format: 'csv' })).statusCode, 403);
    assert.equal((await request(owner, { format: 'csv' })).statusCode, 403);
    assert.equal((await request(undefined, { format: 'csv' })).statusCode, 401);
    const mine = (await request(admin, { format: 'csv', event_type: 'nothing_like_this' })).json();
    await lectern.queue.settle();
    const empty = (await read(admin, mine.id)).json();
    assert.equal(empty.status, 'completed');
    assert.equal(empty.total_rows, 0);
    assert.equal((await read(studentA, mine.id)).statusCode, 403);
    assert.equal((await read(owner, mine.id)).statusCode, 403);
    assert.equal((await read(undefined, mine.id)).statusCode, 401);
    assert.equal((await read(admin, randomUUID())).statusCode, 404);
  });
});
