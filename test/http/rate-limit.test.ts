// Rate limits answer 429 with Retry-After and X-RateLimit-* (in Redis when REDIS_URL is set).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '3', RATE_LIMIT_API_PER_HOUR: '5' });

describe('rate limits', () => {
  it('limits authentication attempts per IP', async () => {
    const attempt = () =>
      lectern.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.1.1.1',
        payload: { email: 'nobody@example.test', password: 'Whatever-1' },
      });
    const first = await attempt();
    assert.equal(first.statusCode, 401);
    assert.equal(first.headers['x-ratelimit-limit'], '3');
    assert.equal(first.headers['x-ratelimit-remaining'], '2');
    assert.ok(first.headers['x-ratelimit-reset']);
    await attempt();
    await attempt();
    const limited = await attempt();
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.deepEqual(limited.json(), { detail: 'Rate limit exceeded. Please try again later.' });
  });

  it('limits other API calls per signed-in user', async () => {
    const user = await createUser(lectern);
    const responses = [];
    for (let i = 0; i < 7; i++)
      responses.push(await lectern.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth }));
    assert.equal(responses[0]!.headers['x-ratelimit-limit'], '5');
    const allowed = Number(responses[0]!.headers['x-ratelimit-remaining']) + 1;
    const statuses = responses.map((r) => r.statusCode);
    assert.deepEqual(statuses, [...Array(allowed).fill(200), ...Array(7 - allowed).fill(429)]);
    assert.ok(allowed < 7);
    // Another user has a budget of their own.
    const other = await createUser(lectern);
    assert.equal(
      (await lectern.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: other.auth })).statusCode,
      200,
    );
  });
});
