// With REDIS_URL, each process counts a limit's requests itself and sends them to Redis in batches
// (src/http/rate-limit-counters.ts) instead of a round trip per request: one process still counts
// every request exactly, the last tenth of a budget is counted in Redis at each request, batched
// increments reach Redis without further requests, and two processes (PostgreSQL only: PGlite is
// one process's) share one budget. Redis is a redis-server of the file's own, so its command
// count is this file's.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';

import type { Lectern } from '../../src/app.ts';
import { createLectern } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { startRedisServer } from '../faults/servers.ts';
import { startTestApp, testEnv } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';

const LIMIT = 200;
const redisServer = await startRedisServer();
const settings = {
  RATE_LIMIT_API_PER_HOUR: String(LIMIT),
  JWT_SECRET: randomBytes(32).toString('hex'),
  REDIS_URL: redisServer.url,
};
const lectern = await startTestApp(settings);
// Registered after the app's own clean-up, so Lectern quits Redis before it stops.
after(() => redisServer.stop());
const redis = lectern.redis!;

const me = (app: Lectern, authorization: string) =>
  app.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: { authorization } });

/** The count Redis holds for a user's API limit. */
const storedCount = async (userId: string) =>
  Number(await redis.get(`${lectern.config.redisKeyPrefix}rl:user:${userId}`));

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  // A generous bound only so that a lost batch fails the test instead of hanging it.
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('rate limits counted in batches', () => {
  it('counts every request of a budget exactly, then answers 429', async () => {
    const user = await createUser(lectern);
    const first = await me(lectern, user.auth.authorization);
    const allowed = Number(first.headers['x-ratelimit-remaining']);
    assert.ok(allowed > LIMIT - 10, 'most of the budget is left');
    const remaining: number[] = [];
    const statuses: number[] = [];
    for (let n = 0; n < allowed + 3; n++) {
      const response = await me(lectern, user.auth.authorization);
      statuses.push(response.statusCode);
      remaining.push(Number(response.headers['x-ratelimit-remaining']));
    }
    assert.deepEqual(statuses, [...Array(allowed).fill(200), 429, 429, 429]);
    assert.deepEqual(remaining, [...Array.from({ length: allowed }, (_, n) => allowed - 1 - n), 0, 0, 0]);
    // Every request of the last tenth was counted in Redis as it came, with the ones before it.
    assert.equal(await storedCount(user.id), LIMIT + 3);
  });

  it('counts a busy budget with a few Redis commands, not two per request', async () => {
    const user = await createUser(lectern);
    const commands = async () => Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))?.[1]);
    await me(lectern, user.auth.authorization);
    const before = await commands();
    for (let n = 0; n < 100; n++) assert.equal((await me(lectern, user.auth.authorization)).statusCode, 200);
    // Before batching: the failed-auth check's read and the limit's increment, 200 commands.
    assert.ok((await commands()) - before < 50, `${(await commands()) - before} Redis commands for 100 requests`);
  });

  it('sends the increments it counted to Redis without waiting for another request', async () => {
    const user = await createUser(lectern);
    const counted = LIMIT - Number((await me(lectern, user.auth.authorization)).headers['x-ratelimit-remaining']);
    for (let n = 0; n < 20; n++) assert.equal((await me(lectern, user.auth.authorization)).statusCode, 200);
    await until(async () => (await storedCount(user.id)) === counted + 20, 'the batch reached Redis');
  });

  it('shares one budget between processes', { skip: !lectern.database.url }, async () => {
    // A second Lectern on the same database and Redis, as `serve --workers 2` runs.
    const env = testEnv({
      ...settings,
      DATABASE_URL: lectern.database.url,
      REDIS_KEY_PREFIX: lectern.config.redisKeyPrefix,
    });
    const other = await createLectern(loadConfig(env), { work: false });
    after(() => other.close());
    const user = await createUser(lectern);
    let counted = LIMIT - Number((await me(lectern, user.auth.authorization)).headers['x-ratelimit-remaining']);
    // Into the last tenth of the budget, which is counted in Redis at each request.
    for (; counted < LIMIT - 15; counted++) assert.equal((await me(lectern, user.auth.authorization)).statusCode, 200);
    assert.equal(await storedCount(user.id), counted);

    // The other process starts from the shared count, and each 200 takes one from the same budget.
    const there = await me(other, user.auth.authorization);
    assert.equal(there.statusCode, 200);
    assert.equal(Number(there.headers['x-ratelimit-remaining']), LIMIT - counted - 1);
    let allowed = 1;
    for (let n = 0; n < 30; n++) {
      const response = await me(n % 2 ? lectern : other, user.auth.authorization);
      if (response.statusCode === 200) allowed++;
      else assert.equal(response.statusCode, 429);
    }
    assert.equal(allowed, LIMIT - counted);
    const limited = await me(lectern, user.auth.authorization);
    assert.equal(limited.statusCode, 429);
    assert.deepEqual(limited.json(), { detail: 'Rate limit exceeded. Please try again later.' });
  });
});
