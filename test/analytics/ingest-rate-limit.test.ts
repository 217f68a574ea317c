// "Analytics ingestion: 100 batches per minute per user" (003), counted per user.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp({ RATE_LIMIT_INGEST_PER_MINUTE: '3' });
const [alice, bob] = await Promise.all([createUser(lectern), createUser(lectern)]);
const batch = (user: TestUser) =>
  lectern.app.inject({
    method: 'POST',
    url: '/api/analytics/ingest',
    headers: user.auth,
    payload: [{ ts: new Date().toISOString(), type: 'page_view', payload: { page: '/' } }],
  });

describe('ingest rate limit', () => {
  it('answers 429 in 003’s format after the per-minute budget, per user', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await batch(alice)).statusCode, 200);
    const limited = await batch(alice);
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal(limited.json().error.code, 'RATE_LIMIT_EXCEEDED');
    assert.equal(limited.json().error.details.limit, 3);
    assert.equal(limited.json().error.details.window, '1 minute');
    assert.equal((await batch(bob)).statusCode, 200);
  });
});
