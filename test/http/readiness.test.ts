import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';

const lectern = await startTestApp();

describe('readiness when the database is down', () => {
  it('answers 503 with database "down" while liveness stays 200', async () => {
    await lectern.database.close();
    const ready = await lectern.app.inject({ method: 'GET', url: '/api/v1/ready' });
    assert.equal(ready.statusCode, 503);
    assert.equal(ready.json().database, 'down');
    assert.equal(ready.json().status, 'unavailable');
    const health = await lectern.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(health.statusCode, 200);
  });
});
