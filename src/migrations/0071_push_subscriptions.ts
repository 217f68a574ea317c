import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Web Push: the browsers/devices each user registered (a PushSubscription: endpoint + keys), and
// which devices already received a notification, so a retried delivery job only sends to the
// devices that did not get it yet.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table push_subscriptions (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      endpoint text not null unique check (char_length(endpoint) between 1 and 2048),
      p256dh text not null check (char_length(p256dh) between 1 and 200),
      auth text not null check (char_length(auth) between 1 and 100),
      device_name text check (char_length(device_name) <= 200),
      expires_at timestamptz,
      created_at timestamptz not null default now(),
      last_used_at timestamptz
    )`,
    `create index push_subscriptions_user_idx on push_subscriptions (user_id, created_at)`,
    `create table push_deliveries (
      notification_id uuid not null references notifications (id) on delete cascade,
      subscription_id uuid not null,
      outcome text not null check (outcome in ('sent', 'gone')),
      status_code integer,
      created_at timestamptz not null default now(),
      primary key (notification_id, subscription_id)
    )`,
  ]);
}
