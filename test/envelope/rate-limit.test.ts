// 004's rate limits: 100 requests a minute per IP over the whole /v1 surface (5 here) and 20 chat
// messages a minute per user (3 here), with X-RateLimit-* headers and 429 RATE_LIMIT_EXCEEDED
// carrying retry_after. In Redis when REDIS_URL is set (npm run test:pg).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import { createUser } from '../helpers/factories.ts';
import { data, failure, v1 } from './helpers.ts';

const lectern = await startTestApp({ RATE_LIMIT_ENVELOPE_PER_MINUTE: '5', RATE_LIMIT_CHAT_PER_MINUTE: '3' });
const request = v1(lectern);
let addresses = 0;
const freshIp = () => `10.44.0.${++addresses}`;

describe('the surface limit (per IP, every /v1 route)', () => {
  it('counts requests to any route of the surface, then answers 429 with retry_after', async () => {
    const ip = freshIp();
    const missing = '/courses/00000000-0000-4000-8000-000000000000';
    const responses = [];
    for (const path of ['/courses', missing, '/courses', '/courses?limit=1', missing]) {
      responses.push(await request('GET', path, { remoteAddress: ip }));
    }
    assert.deepEqual(
      responses.map((response) => response.statusCode),
      [200, 404, 200, 200, 404],
    );
    assert.deepEqual(
      responses.map((response) => [response.headers['x-ratelimit-limit'], response.headers['x-ratelimit-remaining']]),
      [
        ['5', '4'],
        ['5', '3'],
        ['5', '2'],
        ['5', '1'],
        ['5', '0'],
      ],
    );
    const limited = await request('GET', '/courses', { remoteAddress: ip });
    const error = failure(limited, 429, 'RATE_LIMIT_EXCEEDED');
    assert.ok(error.retry_after! >= 1 && error.retry_after! <= 60, String(error.retry_after));
    assert.equal(limited.headers['retry-after'], String(error.retry_after));
    assert.equal(limited.headers['x-ratelimit-remaining'], '0');

    // Another address has its own budget; other surfaces are not counted here.
    assert.equal((await request('GET', '/courses', { remoteAddress: freshIp() })).statusCode, 200);
    const nativeList = await lectern.app.inject({ method: 'GET', url: '/api/v1/courses', remoteAddress: ip });
    assert.equal(nativeList.statusCode, 200);
  });

  it('counts refused requests too (invalid input, forbidden)', async () => {
    const ip = freshIp();
    const student = await createUser(lectern);
    const statuses = [];
    for (const payload of [{}, { name: 'x', price: 5 }, {}, { name: 'x', price: 5 }, {}]) {
      statuses.push((await request('POST', '/courses', { auth: student, remoteAddress: ip, payload })).statusCode);
    }
    assert.deepEqual(statuses, [400, 403, 400, 403, 400]);
    failure(await request('GET', '/courses', { remoteAddress: ip }), 429, 'RATE_LIMIT_EXCEEDED');
  });
});

describe('the chat limit (per user)', () => {
  it('allows 3 messages a minute per user, then answers 429 with 004’s message', async () => {
    const owner = await createUser(lectern, { role: 'instructor' });
    await createCourse(lectern, owner, { publish: true, title: 'Beginner Guitar Lessons' });
    const [alice, bob] = await Promise.all([createUser(lectern), createUser(lectern)]);
    const sessionOf = async (user: typeof alice) =>
      data(await request('POST', '/chat/sessions', { auth: user, remoteAddress: freshIp() }), 201).session_id;
    const [aliceSession, bobSession] = await Promise.all([sessionOf(alice), sessionOf(bob)]);
    // Each message from another address, so only the per-user limit is in play.
    const send = (user: typeof alice, session: string) =>
      request('POST', `/chat/sessions/${session}/messages`, {
        auth: user,
        remoteAddress: freshIp(),
        payload: { content: 'guitar lessons?' },
      });
    for (let i = 0; i < 3; i++) {
      const sent = await send(alice, aliceSession);
      data(sent, 201);
      assert.equal(sent.headers['x-ratelimit-limit'], '3');
      assert.equal(sent.headers['x-ratelimit-remaining'], String(2 - i));
    }
    const limited = await send(alice, aliceSession);
    const error = failure(limited, 429, 'RATE_LIMIT_EXCEEDED');
    assert.equal(error.message, 'Too many messages. Please wait before sending another message.');
    assert.ok(error.retry_after! >= 1 && error.retry_after! <= 60);
    // The refused message was not stored; reading is not limited by the chat limit.
    const messages = data(
      await request('GET', `/chat/sessions/${aliceSession}/messages`, { auth: alice, remoteAddress: freshIp() }),
    );
    assert.equal(messages.messages.length, 6);
    data(await send(bob, bobSession), 201);
  });
});
