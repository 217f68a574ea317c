// Stored answers of requests sent with an Idempotency-Key (IETF httpapi idempotency-key draft,
// Stripe's model). Claiming a key is one atomic insert, so of concurrent duplicates exactly one
// runs; a key whose row expired is claimed afresh.

import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status: number | null;
  content_type: string | null;
  location: string | null;
  body: string | null;
  created_at: Date;
  expires_at: Date;
}

declare module '../db/database.ts' {
  interface Database {
    idempotency_keys: IdempotencyKeysTable;
  }
}

export interface StoredResponse {
  status: number;
  contentType: string | null;
  location: string | null;
  body: string;
}

export type Claim =
  | { outcome: 'claimed' }
  | { outcome: 'mismatch' }
  | { outcome: 'in_progress' }
  | { outcome: 'replay'; response: StoredResponse };

export interface IdempotencyStore {
  /** Claims `key` for this request, or says what the first request with it became. */
  claim(scope: string, key: string, requestHash: string): Promise<Claim>;
  /** Stores the first request's answer. */
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  /** Forgets a claim whose request failed on the server side, so a retry may run it again. */
  release(scope: string, key: string): Promise<void>;
  /** Deletes expired keys. */
  purge(): Promise<number>;
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export function createIdempotencyStore(db: Db, clock: Clock): IdempotencyStore {
  return {
    async claim(scope, key, requestHash) {
      const now = clock.now();
      const claimed = await db
        .insertInto('idempotency_keys')
        .values({
          scope,
          key,
          request_hash: requestHash,
          created_at: now,
          expires_at: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
        })
        .onConflict((conflict) =>
          conflict
            .columns(['scope', 'key'])
            .doUpdateSet({
              request_hash: requestHash,
              status: null,
              content_type: null,
              location: null,
              body: null,
              created_at: now,
              expires_at: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
            })
            .where('idempotency_keys.expires_at', '<=', now),
        )
        .returning('key')
        .executeTakeFirst();
      if (claimed) return { outcome: 'claimed' };
      const first = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
      // Released between the two statements: this request may try again.
      if (!first) return this.claim(scope, key, requestHash);
      if (first.request_hash !== requestHash) return { outcome: 'mismatch' };
      if (first.status === null) return { outcome: 'in_progress' };
      return {
        outcome: 'replay',
        response: {
          status: first.status,
          contentType: first.content_type,
          location: first.location,
          body: first.body ?? '',
        },
      };
    },
    async complete(scope, key, response) {
      await db
        .updateTable('idempotency_keys')
        .set({
          status: response.status,
          content_type: response.contentType,
          location: response.location,
          body: response.body,
        })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .execute();
    },
    async release(scope, key) {
      await db
        .deleteFrom('idempotency_keys')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('status', 'is', null)
        .execute();
    },
    async purge() {
      const result = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', clock.now()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
