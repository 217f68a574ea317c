// Redis killed under an API that uses it (rate-limit counters, pub/sub): requests keep being
// answered at once (the limiter counts per process meanwhile), /ready says `redis: down`, and
// once Redis is back the counters are shared in Redis again. Redis here is a redis-server of the
// test's own on a spare port, never the shared one.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { Redis } from 'ioredis';

import { startTestApp } from '../helpers/app.ts';
import { startRedisServer } from './servers.ts';

const redisServer = await startRedisServer();
const prefix = `lectern-fault-${process.pid}:`;
const lectern = await startTestApp({ REDIS_URL: redisServer.url, REDIS_KEY_PREFIX: prefix });
after(() => redisServer.stop());

async function readiness() {
  const response = await lectern.app.inject({ method: 'GET', url: '/api/v1/ready' });
  return { status: response.statusCode, body: response.json() as { redis: string; database: string } };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  // A generous bound only so a broken recovery fails the test instead of hanging it.
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Redis outage', () => {
  it('keeps answering while Redis is down, reports it, and recovers', { timeout: 90_000 }, async () => {
    // The client connects in the background at start-up: ready says `down` until it has.
    await until(async () => (await readiness()).body.redis === 'up', 'Redis connected at start-up');
    const before = await lectern.app.inject({ method: 'GET', url: '/api/v1/courses' });
    assert.equal(before.statusCode, 200);

    await redisServer.kill();
    const during = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        lectern.app.inject({ method: 'GET', url: index % 2 ? '/api/v1/courses' : '/v1/courses' }),
      ),
    );
    assert.deepEqual(
      during.map((response) => response.statusCode),
      during.map(() => 200),
    );
    // Still rate-limited meanwhile (per process): the headers are there.
    assert.ok(during[1]!.headers['x-ratelimit-limit']);
    const down = await readiness();
    assert.equal(down.status, 503);
    assert.deepEqual(down.body, { status: 'unavailable', database: 'up', redis: 'down' });

    await redisServer.restart();
    await until(async () => (await readiness()).status === 200, 'ready again after Redis restarts');
    assert.equal((await readiness()).body.redis, 'up');
    const afterwards = await lectern.app.inject({ method: 'GET', url: '/api/v1/courses' });
    assert.equal(afterwards.statusCode, 200);
    // Counting is back in Redis (a process sends what it counted in batches, FLUSH_MS apart).
    const client = new Redis(redisServer.url);
    try {
      await until(async () => (await client.keys(`${prefix}rl:*`)).length > 0, 'rate-limit counters in Redis');
    } finally {
      client.disconnect();
    }
  });
});
