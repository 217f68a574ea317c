import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Idempotency-Key on unsafe requests: one row per (caller, key) holding the request's fingerprint
// and, once answered, the response to replay. `status` is null while the first request runs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table idempotency_keys (
      scope text not null,
      key text not null,
      request_hash text not null,
      status integer,
      content_type text,
      location text,
      body text,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (scope, key)
    )`,
    `create index idempotency_keys_expires_idx on idempotency_keys (expires_at)`,
  ]);
}
