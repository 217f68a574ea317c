// Idempotency-Key on every unsafe request of a signed-in caller, on every surface. The first
// request with a key runs and its answer is stored; a repeat with the same method, path and body
// gets that answer again (same status and body, `Idempotent-Replayed: true`); a repeat while the
// first still runs answers 409; the same key with another request answers 422 on every surface, in
// the surface's validation format (as the draft and Stripe do). Keys are per user and
// kept 24 hours. A 5xx answer is not stored, so the client may retry. Anonymous requests (sign-in,
// registration) ignore the header: their answers carry credentials that must not be kept.
import { createHash } from 'node:crypto';

import type { FastifyInstance, FastifyRequest } from 'fastify';

import { DomainError } from '../platform/errors.ts';
import type { IdempotencyStore } from '../platform/idempotency/index.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim: { scope: string; key: string } | null;
  }
}

/** Call before compression is registered, so the answer is stored before it is encoded. */
export function installIdempotency(app: FastifyInstance, store: IdempotencyStore): void {
  app.decorateRequest('idempotencyClaim', null);

  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined || !UNSAFE.has(request.method) || !request.actor) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !KEY.test(key))
      throw new DomainError(
        'validation',
        'IDEMPOTENCY_KEY_INVALID',
        'Idempotency-Key must be 1-255 visible ASCII characters',
        {
          details: [{ field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }],
        },
      );
    const scope = `user:${request.actor.id}`;
    const claim = await store.claim(scope, key, fingerprint(request));
    if (claim.outcome === 'claimed') {
      request.idempotencyClaim = { scope, key };
      return;
    }
    if (claim.outcome === 'mismatch')
      throw new DomainError(
        'validation',
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request',
        { details: [{ field: 'Idempotency-Key', message: 'already used with a different request' }] },
      );
    if (claim.outcome === 'in_progress')
      throw new DomainError(
        'conflict',
        'IDEMPOTENCY_REQUEST_IN_PROGRESS',
        'A request with this Idempotency-Key is still being processed; retry later',
        { retryAfterSeconds: 1 },
      );
    const { response } = claim;
    reply.code(response.status).header('idempotent-replayed', 'true');
    if (response.contentType) reply.header('content-type', response.contentType);
    if (response.location) reply.header('location', response.location);
    return reply.send(response.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    if (reply.statusCode >= 500 || (payload !== null && typeof payload !== 'string' && !Buffer.isBuffer(payload))) {
      // A server failure may be retried; a streamed answer cannot be replayed.
      await store
        .release(claim.scope, claim.key)
        .catch((error: unknown) => request.log.warn({ err: error }, 'idempotency release failed'));
      return payload;
    }
    const header = (name: string) => {
      const value = reply.getHeader(name);
      return value === undefined ? null : String(value);
    };
    await store
      .complete(claim.scope, claim.key, {
        status: reply.statusCode,
        contentType: header('content-type'),
        location: header('location'),
        body: payload === null ? '' : payload.toString(),
      })
      .catch((error: unknown) => request.log.error({ err: error }, 'idempotent answer not stored'));
    return payload;
  });
}

/** What makes two requests "the same": method, path with query, and the parsed body. */
function fingerprint(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n`)
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
}
