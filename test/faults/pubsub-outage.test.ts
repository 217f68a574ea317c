// Pub/sub while Redis is down: a publish (chat fan-out, live feeds) never throws into the caller,
// this process's subscribers still get the message, and fan-out goes through Redis again once it
// is back. Redis here is a redis-server of the test's own, killed with SIGKILL.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

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
