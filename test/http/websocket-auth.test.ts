// Tokens for WebSocket upgrades (browsers cannot send an Authorization header with
// `new WebSocket()`): `?token=` or the `bearer, <token>` subprotocol pair, only on routes that
// declare `websocket: true`; and a token in a URL never reaches the logs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { FastifyBaseLogger } from 'fastify';
import Fastify from 'fastify';

import { installAuth } from '../../src/http/auth.ts';
import { prepareErrorReply } from '../../src/http/errors.ts';
import { createLogger } from '../../src/http/log.ts';
import { unauthenticated } from '../../src/platform/errors.ts';

const logger: FastifyBaseLogger = createLogger('info', { write: (line: string) => void lines.push(line) });
const app = Fastify({ loggerInstance: logger });
const lines: string[] = [];
installAuth(app, {
  authenticate: async (token) => {
    if (token !== 'good-token') throw unauthenticated();
    return { id: 'u1', role: 'student', sessionId: 's1' };
  },
});
app.setErrorHandler((error, request, reply) => ({ detail: prepareErrorReply(error, request, reply).message }));
app.get('/ws', { config: { auth: 'user', websocket: true } }, async (request) => ({ actor: request.actor?.id }));
app.get('/plain', { config: { auth: 'user' } }, async (request) => ({ actor: request.actor?.id }));

describe('WebSocket upgrade tokens', () => {
  it('takes the token from the query string or the bearer subprotocol on upgrade routes', async () => {
    const query = await app.inject({ method: 'GET', url: '/ws?token=good-token&roomId=r1' });
    assert.equal(query.statusCode, 200);
    assert.deepEqual(query.json(), { actor: 'u1' });
    const protocol = await app.inject({
      method: 'GET',
      url: '/ws',
      headers: { 'sec-websocket-protocol': 'bearer, good-token' },
    });
    assert.deepEqual(protocol.json(), { actor: 'u1' });
    const bad = await app.inject({ method: 'GET', url: '/ws?token=forged' });
    assert.equal(bad.statusCode, 401);
    const none = await app.inject({ method: 'GET', url: '/ws' });
    assert.equal(none.statusCode, 401);
  });

  it('ignores a query token on ordinary routes', async () => {
    const response = await app.inject({ method: 'GET', url: '/plain?token=good-token' });
    assert.equal(response.statusCode, 401);
  });

  it('never logs a token or a signature from a URL', async () => {
    await app.inject({ method: 'GET', url: '/ws?token=good-token&roomId=r1' });
    await app.inject({ method: 'GET', url: '/plain?signature=abc123&expires=99' });
    const logged = lines.join('\n');
    assert.doesNotMatch(logged, /good-token|abc123/);
    assert.match(logged, /"url":"\/ws\?token=\[redacted\]&roomId=r1"/);
    assert.match(logged, /"url":"\/plain\?signature=\[redacted\]&expires=99"/);
  });
});
