// The notifications module's tables (0070_notifications.ts) as Kysely sees them.
import type { ColumnType, Generated, Selectable } from 'kysely';

import type { Channel, NotificationStatus, SenderKind } from './notifications.types.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: parsed on read, written as JSON text. */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface NotificationApiKeysTable {
  id: Generated<string>;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  channel: Channel;
  recipient: string;
  user_id: string | null;
  template: string;
  category: string | null;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  data: Json<Record<string, unknown>>;
  status: ColumnType<NotificationStatus, NotificationStatus | undefined, NotificationStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  sender_kind: SenderKind;
  sender_id: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
  read_at: NullableTimestamp;
  /** Carries a one-time secret: no feed, redacted views, bodies wiped once sent (0075). */
  confidential: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface NotificationTemplateOverridesTable {
  name: string;
  channel: Channel;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface NotificationPreferencesTable {
  user_id: string;
  preferences: Json<Record<string, Record<string, boolean>>>;
  updated_at: Timestamp;
}

export interface NotificationRemindersTable {
  kind: 'assignment_due' | 'lesson_reminder';
  subject_key: string;
  user_id: string;
  sent_at: Timestamp;
}

export type NotificationRow = Selectable<NotificationsTable>;
export type ApiKeyRow = Selectable<NotificationApiKeysTable>;
export type TemplateOverrideRow = Selectable<NotificationTemplateOverridesTable>;

declare module '../../platform/db/database.ts' {
  interface Database {
    notification_api_keys: NotificationApiKeysTable;
    notifications: NotificationsTable;
    notification_template_overrides: NotificationTemplateOverridesTable;
    notification_preferences: NotificationPreferencesTable;
    notification_reminders: NotificationRemindersTable;
  }
}
