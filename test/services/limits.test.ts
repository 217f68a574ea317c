// 003's rate limits through HTTP: authentication per IP and minute (`{code, message}`), uploads
// per user and hour, and the API budget per user, each 429 with the document's body and headers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp({
  RATE_LIMIT_AUTH_PER_MINUTE: '3',
  RATE_LIMIT_API_PER_HOUR: '4',
  RATE_LIMIT_UPLOADS_PER_HOUR: '2',
});
const { app } = lectern;

describe('003 rate limits', () => {
  it('limits authentication per IP and answers in the auth format', async () => {
    const attempt = () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.3.3.3',
        payload: { email: 'nobody@example.test', password: 'Whatever-9!' },
      });
    const first = await attempt();
    assert.equal(first.statusCode, 401);
    assert.equal(first.headers['x-ratelimit-limit'], '3');
    await attempt();
    await attempt();
    const limited = await attempt();
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.deepEqual(limited.json(), {
      code: 'RATE_LIMIT_EXCEEDED',
      message: 'Rate limit exceeded. Please try again later.',
    });
  });

  it('limits upload links per user and hour, with limit, window and reset_at in details', async () => {
    const user = await createUser(lectern);
    const presign = () =>
      app.inject({
        method: 'POST',
        url: '/api/profile/avatar/presign',
        headers: user.auth,
        payload: { content_type: 'image/png', size: 4096 },
      });
    assert.equal((await presign()).statusCode, 200);
    assert.equal((await presign()).statusCode, 200);
    const limited = await presign();
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.headers['x-ratelimit-limit'], '2');
    assert.equal(limited.headers['x-ratelimit-remaining'], '0');
    const { error } = limited.json();
    assert.equal(error.code, 'RATE_LIMIT_EXCEEDED');
    assert.equal(error.request_id, limited.headers['x-request-id']);
    assert.equal(error.details.limit, 2);
    assert.equal(error.details.window, '1 hour');
    assert.ok(Date.parse(error.details.reset_at) > Date.now());
  });

  it('limits other API calls per user and hour', async () => {
    const user = await createUser(lectern);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await app.inject({ method: 'GET', url: '/api/tags', headers: user.auth })).statusCode);
    assert.ok(statuses.includes(429));
    assert.equal(statuses.indexOf(429), statuses.lastIndexOf(200) + 1);
  });
});
