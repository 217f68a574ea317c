import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Outgoing webhooks: endpoints admins register (URL, the domain event types they want, a signing
// secret kept encrypted, a failure counter that disables them), and one delivery per (event,
// endpoint) with its attempts and the receiver's last answer: the delivery log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table webhook_endpoints (
      id uuid primary key default gen_random_uuid(),
      url text not null check (char_length(url) between 1 and 2048),
      description text check (char_length(description) <= 500),
      event_types text[] not null check (cardinality(event_types) between 1 and 100),
      secret_encrypted text not null,
      enabled boolean not null default true,
      disabled_reason text check (char_length(disabled_reason) <= 500),
      consecutive_failures integer not null default 0 check (consecutive_failures >= 0),
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create table webhook_deliveries (
      id uuid primary key default gen_random_uuid(),
      endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
      message_id text not null check (char_length(message_id) between 1 and 100),
      event_type text not null check (char_length(event_type) between 1 and 100),
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
      attempts integer not null default 0 check (attempts >= 0),
      response_status integer,
      last_error text check (char_length(last_error) <= 1000),
      replay_of uuid references webhook_deliveries (id) on delete set null,
      created_at timestamptz not null default now(),
      last_attempt_at timestamptz,
      delivered_at timestamptz
    )`,
    `create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, created_at desc, id)`,
  ]);
}
