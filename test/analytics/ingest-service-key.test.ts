// Ingestion by a service: an API key with the analytics scope (made by an admin through the API)
// records events about anyone, or about no user; keys without that scope, revoked or unknown keys
// are refused with 401, and the analytics scope does not open notify/send.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { sql } from 'kysely';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { app } = lectern;
const { admin, studentA } = await createCast(lectern);

async function createKey(body: object): Promise<{ id: string; key: string; scopes: string[] }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/notification-api-keys',
    headers: admin.auth,
    payload: body,
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}
const ingest = (headers: Record<string, string>, events: object[]) =>
  app.inject({ method: 'POST', url: '/api/analytics/ingest', headers, payload: events });
const ts = () => new Date(lectern.clock.now().getTime() - 60_000).toISOString();

describe('POST /api/analytics/ingest with X-API-Key', () => {
  it('records events about anyone, or about no user, with an analytics key', async () => {
    const analyticsKey = await createKey({ name: 'collector', scopes: ['analytics'] });
    assert.deepEqual(analyticsKey.scopes, ['analytics']);
    const someone = randomUUID();
    const marker = randomUUID();
    const response = await ingest({ 'x-api-key': analyticsKey.key }, [
      { ts: ts(), user_id: studentA.id, type: 'import_row', src: 'crm', payload: { marker } },
      { ts: ts(), user_id: someone, type: 'import_row', src: 'crm', payload: { marker } },
      { ts: ts(), type: 'import_row', src: 'crm', payload: { marker } },
    ]);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { ingested: 3 });
    const stored = await sql<{ user_id: string | null }>`
      select user_id from analytics_events where payload->>'marker' = ${marker} order by user_id nulls last`.execute(
      lectern.database.db,
    );
    assert.deepEqual(
      stored.rows.map((row) => row.user_id),
      [studentA.id, someone].sort().concat([null as unknown as string]),
    );
  });

  it('still checks every event and keeps "server" for the platform', async () => {
    const { key } = await createKey({ name: 'strict', scopes: ['analytics'] });
    const forged = await ingest({ 'x-api-key': key }, [{ ts: ts(), type: 'x', src: 'server', payload: {} }]);
    assert.equal(forged.statusCode, 400);
    assert.ok('0.src' in forged.json().error.details);
    const badUser = await ingest({ 'x-api-key': key }, [{ ts: ts(), user_id: 'nobody', type: 'x', payload: {} }]);
    assert.equal(badUser.statusCode, 400);
  });

  it('refuses keys without the analytics scope, revoked and unknown keys, and no credentials (401)', async () => {
    const notifyKey = await createKey({ name: 'mailer' });
    assert.deepEqual(notifyKey.scopes, ['notify']);
    const event = { ts: ts(), user_id: studentA.id, type: 'x', payload: {} };
    const withNotifyKey = await ingest({ 'x-api-key': notifyKey.key }, [event]);
    assert.equal(withNotifyKey.statusCode, 401);
    assert.equal(typeof withNotifyKey.json().error.code, 'string');
    assert.equal((await ingest({ 'x-api-key': 'lsk_unknown' }, [event])).statusCode, 401);
    assert.equal((await ingest({}, [event])).statusCode, 401);

    const revoked = await createKey({ name: 'old', scopes: ['analytics', 'notify'] });
    assert.equal((await ingest({ 'x-api-key': revoked.key }, [event])).statusCode, 200);
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/notification-api-keys/${revoked.id}`,
      headers: admin.auth,
    });
    assert.ok(revoke.statusCode < 300, revoke.body);
    assert.equal((await ingest({ 'x-api-key': revoked.key }, [event])).statusCode, 401);
  });

  it('an analytics-only key does not open notify/preview', async () => {
    const preview = async (key: string) =>
      app.inject({
        method: 'POST',
        url: '/api/notify/preview',
        headers: { 'x-api-key': key },
        payload: { channel: 'email', template: 'welcome_email' },
      });
    const analyticsOnly = await createKey({ name: 'collector-only', scopes: ['analytics'] });
    assert.equal((await preview(analyticsOnly.key)).statusCode, 401);
    const notifyKey = await createKey({ name: 'previewer' });
    assert.equal((await preview(notifyKey.key)).statusCode, 200);
  });

  it('only admins make keys, with known scopes', async () => {
    const student = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/notification-api-keys',
      headers: studentA.auth,
      payload: { name: 'mine', scopes: ['analytics'] },
    });
    assert.equal(student.statusCode, 403);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/notification-api-keys',
      headers: admin.auth,
      payload: { name: 'odd', scopes: ['everything'] },
    });
    assert.equal(unknown.statusCode, 422);
  });
});
