// Web Push tables (0071_push_subscriptions.ts) as Kysely sees them.
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface PushSubscriptionsTable {
  id: Generated<string>;
  user_id: string;
  endpoint: string;
  /** The browser's P-256 public key, base64url (65 bytes uncompressed). */
  p256dh: string;
  /** The browser's 16-byte auth secret, base64url. */
  auth: string;
  device_name: string | null;
  expires_at: NullableTimestamp;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
}

export interface PushDeliveriesTable {
  notification_id: string;
  subscription_id: string;
  /** `gone`: the push service answered 404/410 and the subscription was removed. */
  outcome: 'sent' | 'gone';
  status_code: number | null;
  created_at: Timestamp;
}

export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;

declare module '../../platform/db/database.ts' {
  interface Database {
    push_subscriptions: PushSubscriptionsTable;
    push_deliveries: PushDeliveriesTable;
  }
}
