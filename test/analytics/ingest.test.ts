// 003's POST /api/analytics/ingest through HTTP: a batch stored in the partitioned event store,
// each limit (event count, body size, payload size and depth, timestamps), 400 naming the index
// and field, and whose events a caller may record.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { sql } from 'kysely';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { app } = lectern;
const { db } = lectern.database;
const { admin, studentA, studentB } = await createCast(lectern);

const ingest = (user: TestUser | undefined, payload: unknown) =>
  app.inject({
    method: 'POST',
    url: '/api/analytics/ingest',
    headers: { ...(user ? user.auth : {}), 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });
const event = (overrides: Record<string, unknown> = {}) => ({
  ts: new Date(lectern.clock.now().getTime() - 60_000).toISOString(),
  type: 'page_view',
  src: 'web_app',
  payload: { page: '/dashboard', session_id: 's-1' },
  ...overrides,
});
const storedOf = async (userId: string) =>
  (
    await sql<{ type: string; src: string | null; payload: Record<string, unknown>; ts: Date }>`
      select type, src, payload, ts from analytics_events
      where user_id = ${userId} and src is distinct from 'server' order by ts, type`.execute(db)
  ).rows;

describe('POST /api/analytics/ingest', () => {
  it('stores a batch, filling in the caller as user_id', async () => {
    const ts = '2026-01-15T10:30:00.000Z';
    lectern.clock.set(new Date('2026-01-20T12:00:00Z'));
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: studentA.email, password: studentA.password },
      });
      const auth = { authorization: `Bearer ${login.json().access_token}` };
      const response = await app.inject({
        method: 'POST',
        url: '/api/analytics/ingest',
        headers: auth,
        payload: [
          { ts, type: 'page_view', src: 'web_app', payload: { page: '/dashboard', referrer: 'https://google.com' } },
          { ts, user_id: studentA.id, type: 'button_click', payload: { button_id: 'start_course' } },
        ],
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { ingested: 2 });
    } finally {
      lectern.clock.set(new Date());
    }
    const stored = await storedOf(studentA.id);
    assert.deepEqual(
      stored.map((row) => [row.type, row.src, row.payload, new Date(row.ts).toISOString()]),
      [
        ['button_click', null, { button_id: 'start_course' }, ts],
        ['page_view', 'web_app', { page: '/dashboard', referrer: 'https://google.com' }, ts],
      ],
    );
  });

  it('keeps events in monthly partitions of a partitioned table (PGlite too)', async () => {
    const { rows } = await sql<{ relkind: string }>`
      select relkind from pg_class where relname = 'analytics_events'`.execute(db);
    assert.equal(rows[0]?.relkind, 'p');
    const { rows: parts } = await sql<{ name: string; n: number }>`
      select tableoid::regclass::text as name, count(*)::int as n from analytics_events
      where user_id = ${studentA.id} and src is distinct from 'server' group by 1`.execute(db);
    assert.deepEqual(parts, [{ name: 'analytics_events_p202601', n: 2 }]);
  });

  it('accepts unknown types, and an empty batch', async () => {
    assert.deepEqual((await ingest(studentB, [event({ type: 'my.custom-thing' })])).json(), { ingested: 1 });
    assert.deepEqual((await ingest(studentB, [])).json(), { ingested: 0 });
  });

  it('refuses an invalid event with 400 naming its index and field, storing nothing', async () => {
    const user = studentB;
    const before = (await storedOf(user.id)).length;
    const cases: [unknown, string][] = [
      [[event(), event({ ts: 'yesterday' })], '1.ts'],
      [[event(), event(), event({ type: '' })], '2.type'],
      [[event({ type: 'x'.repeat(101) })], '0.type'],
      [[event({ payload: 'text' })], '0.payload'],
      [[event({ user_id: 'not-a-uuid' })], '0.user_id'],
      [[event(), (({ ts: _ts, ...rest }) => rest)(event())], '1.ts'],
    ];
    for (const [batch, field] of cases) {
      const response = await ingest(user, batch);
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      const body = response.json();
      assert.equal(typeof body.error.request_id, 'string');
      assert.ok(field in body.error.details, `${field} in ${JSON.stringify(body.error.details)}`);
    }
    assert.equal((await storedOf(user.id)).length, before);
  });

  it('bounds payloads in size and depth, and timestamps to the retention and the near future', async () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 9; i++) deep = { nested: deep };
    const now = lectern.clock.now().getTime();
    const cases: [unknown, string, string][] = [
      [[event(), event({ payload: deep })], '1.payload', 'ANALYTICS_EVENT_INVALID'],
      [[event({ payload: { blob: 'x'.repeat(17_000) } })], '0.payload', 'ANALYTICS_EVENT_INVALID'],
      [[event({ ts: new Date(now + 2 * 86_400_000).toISOString() })], '0.ts', 'ANALYTICS_EVENT_INVALID'],
      [[event({ ts: new Date(now - 800 * 86_400_000).toISOString() })], '0.ts', 'ANALYTICS_EVENT_INVALID'],
    ];
    for (const [batch, field] of cases) {
      const response = await ingest(studentB, batch);
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      assert.equal(response.json().error.code, 'INVALID_REQUEST');
      assert.ok(field in response.json().error.details, JSON.stringify(response.json().error.details));
    }
    let eightDeep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 7; i++) eightDeep = { nested: eightDeep };
    assert.equal((await ingest(studentB, [event({ payload: eightDeep })])).statusCode, 200);
  });

  it('answers 413 past 1,000 events or 10 MB', async () => {
    const thousand = Array.from({ length: 1000 }, () => event());
    const ok = await ingest(studentB, thousand);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { ingested: 1000 });
    const tooMany = await ingest(studentB, [...thousand, event()]);
    assert.equal(tooMany.statusCode, 413);
    assert.equal(tooMany.json().error.code, 'PAYLOAD_TOO_LARGE');
    const huge = Array.from({ length: 700 }, () => event({ payload: { blob: 'y'.repeat(15_500) } }));
    assert.ok(JSON.stringify(huge).length > 10 * 1_048_576);
    const tooBig = await ingest(studentB, huge);
    assert.equal(tooBig.statusCode, 413);
    assert.equal(tooBig.json().error.code, 'PAYLOAD_TOO_LARGE');
  });

  it('lets a user record only their own events; an admin anyone’s', async () => {
    const foreign = await ingest(studentA, [event(), event({ user_id: studentB.id })]);
    assert.equal(foreign.statusCode, 403);
    assert.equal(foreign.json().error.code, 'INSUFFICIENT_PERMISSIONS');
    assert.ok('1.user_id' in foreign.json().error.details);
    const someone = randomUUID();
    const byAdmin = await ingest(admin, [event({ user_id: someone }), event({ user_id: studentB.id })]);
    assert.deepEqual(byAdmin.json(), { ingested: 2 });
    assert.equal((await storedOf(someone)).length, 1);
  });

  it('asks for a token', async () => {
    const response = await ingest(undefined, [event()]);
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().error.code, 'INVALID_TOKEN');
  });
});

describe('partition maintenance', () => {
  it('creates months ahead and drops those past the retention', async () => {
    const { analytics } = lectern.modules;
    const start = lectern.clock.now();
    try {
      lectern.clock.set(new Date('2026-03-10T00:00:00Z'));
      const first = await analytics.maintainPartitions();
      assert.deepEqual(first.created.sort(), [
        'analytics_events_p202603',
        'analytics_events_p202604',
        'analytics_events_p202605',
      ]);
      assert.deepEqual(first.dropped, []);
      // 730 days of retention later, January 2026 (studentA's events) is gone as a whole.
      lectern.clock.set(new Date('2028-02-05T00:00:00Z'));
      const later = await analytics.maintainPartitions();
      assert.ok(later.dropped.includes('analytics_events_p202601'), JSON.stringify(later));
      assert.ok(!later.dropped.includes('analytics_events_p202603'));
      assert.equal((await storedOf(studentA.id)).length, 0);
      assert.ok(later.created.includes('analytics_events_p202804'));
    } finally {
      lectern.clock.set(start);
    }
  });
});
