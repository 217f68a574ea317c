// Pub/sub while Redis stalls or is down: a publish held up past the command timeout is retried
// and reaches another process's subscribers, every subscriber once; while Redis is down a publish
// (chat fan-out, live feeds) never throws into the caller, this process's subscribers still get
// the message, and fan-out goes through Redis again once it is back. Redis here is a
// redis-server of the test's own, paused with SIGSTOP or killed with SIGKILL.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { Redis } from 'ioredis';

import { createPubSub } from '../../src/platform/pubsub/index.ts';
import { startTestApp } from '../helpers/app.ts';
import { startRedisServer } from './servers.ts';

const redisServer = await startRedisServer();
const lectern = await startTestApp({ REDIS_URL: redisServer.url });
after(() => redisServer.stop());

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  // A generous bound only so a broken recovery fails the test instead of hanging it.
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('pub/sub while Redis stalls', () => {
  it(
    'retries a publish that timed out: the other process gets it, every subscriber once',
    { timeout: 90_000 },
    async () => {
      const { pubsub } = lectern.platform;
      // Another worker: its own client, configured as Lectern's (1 s command timeout, no offline queue).
      const otherClient = new Redis(redisServer.url, {
        maxRetriesPerRequest: 1,
        commandTimeout: 1000,
        enableOfflineQueue: false,
      });
      const other = createPubSub({ redis: otherClient, keyPrefix: lectern.config.redisKeyPrefix });
      try {
        const here: unknown[] = [];
        const there: unknown[] = [];
        const subscribe = (target: typeof pubsub, into: unknown[]) =>
          until(
            () =>
              target
                .subscribe('stall:room', (message) => into.push(message))
                .then(
                  () => true,
                  () => false,
                ),
            'subscribed',
          );
        await subscribe(pubsub, here);
        await subscribe(other, there);

        // Redis stalls longer than the command timeout, then answers everything it was sent.
        redisServer.pause();
        const published = pubsub.publish('stall:room', { n: 1 });
        await new Promise((resolve) => setTimeout(resolve, 1500));
        redisServer.resume();
        await published;
        await until(() => here.length >= 1 && there.length >= 1, 'delivered on both sides');
        // Late copies (the timed-out attempt reached Redis too) would arrive now: none is delivered.
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.deepEqual(here, [{ n: 1 }]);
        assert.deepEqual(there, [{ n: 1 }]);
      } finally {
        redisServer.resume();
        await other.close();
        otherClient.disconnect();
      }
    },
  );
});

describe('pub/sub during a Redis outage', () => {
  it('publishes without throwing, delivers locally, and recovers', { timeout: 90_000 }, async () => {
    const { pubsub } = lectern.platform;
    assert.equal(pubsub.kind, 'redis');
    const received: unknown[] = [];
    // The subscriber connection opens on first use; on a loaded machine its first SUBSCRIBE may
    // time out, and a later attempt must still subscribe.
    await until(
      () =>
        pubsub
          .subscribe('fault:room', (message) => received.push(message))
          .then(
            () => true,
            () => false,
          ),
      'subscribed',
    );
    await pubsub.publish('fault:room', { n: 1 });
    await until(() => received.length === 1, 'delivered through Redis');

    await redisServer.kill();
    await until(() => lectern.redis!.status !== 'ready', 'the client noticed the outage');
    await pubsub.publish('fault:room', { n: 2 });
    assert.deepEqual(received, [{ n: 1 }, { n: 2 }]);
    // /ready tells the operator.
    const ready = await lectern.app.inject({ method: 'GET', url: '/api/v1/ready' });
    assert.equal(ready.statusCode, 503);

    await redisServer.restart();
    await until(
      async () => (await lectern.app.inject({ method: 'GET', url: '/api/v1/ready' })).statusCode === 200,
      'Redis back',
    );
    // The subscriber re-subscribes by itself; a message through Redis arrives again.
    await until(async () => {
      await pubsub.publish('fault:room', { n: 3 });
      return received.some((message) => (message as { n: number }).n === 3);
    }, 'delivered through Redis after the outage');
  });
});
