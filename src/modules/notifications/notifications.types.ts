// The notifications module's domain inputs and outputs.
export const CHANNELS = ['email', 'sms', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['queued', 'sent', 'failed', 'suppressed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Who asked for a notification: an admin, a service API key, or Lectern itself (events, identity). */
export type SenderKind = 'admin' | 'api_key' | 'system';
export interface Sender {
  kind: SenderKind;
  id: string | null;
}

export interface SendInput {
  channel: string;
  recipient: string;
  template: string;
  data?: Record<string, unknown> | undefined;
  idempotency_key?: string | undefined;
}

/** Lectern's own sends may be confidential: a one-time link or code the feed and admins never see. */
export interface SystemSendInput extends SendInput {
  confidential?: boolean;
}

export interface PreviewInput {
  channel: string;
  template: string;
  data?: Record<string, unknown> | undefined;
  /** An unsaved override to render instead of the stored one (admins' template editor). */
  override?: TemplateContent | undefined;
}

export interface Rendered {
  subject: string | null;
  html: string | null;
  text: string;
}

export interface TemplateContent {
  subject: string | null;
  text: string;
  html: string | null;
}

export interface Notification {
  id: string;
  channel: Channel;
  recipient: string;
  user_id: string | null;
  template: string;
  category: string | null;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  data: Record<string, unknown>;
  status: NotificationStatus;
  attempts: number;
  last_error: string | null;
  sender_kind: SenderKind;
  sender_id: string | null;
  idempotency_key: string | null;
  created_at: Date;
  sent_at: Date | null;
  read_at: Date | null;
}

export interface SendResult {
  notification: Notification;
  /** False when an earlier request with the same idempotency key is answered again. */
  created: boolean;
}

export interface NotificationFilter {
  status?: NotificationStatus | undefined;
  channel?: Channel | undefined;
  template?: string | undefined;
  recipient?: string | undefined;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A key as created: the secret is shown this once and only its hash is stored. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

/** The document's preference shape: channel → category → on/off. */
export interface Subscriptions {
  email: { marketing: boolean; product_updates: boolean; security_alerts: boolean; course_notifications: boolean };
  sms: { security_alerts: boolean; urgent_notifications: boolean };
  push: { chat_messages: boolean; course_reminders: boolean; system_notifications: boolean };
}
export type SubscriptionsPatch = { [C in keyof Subscriptions]?: Partial<Subscriptions[C]> | undefined };

export interface SubscriptionsView {
  subscriptions: Subscriptions;
  updated_at: Date | null;
}

export interface TemplateSummary {
  name: string;
  description: string;
  group: 'authentication' | 'course' | 'system' | 'messaging';
  channels: Channel[];
  /** Security mails go out whatever the preferences say. */
  always_sent: boolean;
  overridden: Channel[];
}

export interface TemplateChannelView extends TemplateContent {
  channel: Channel;
  category: string | null;
  overridden: boolean;
  updated_at: Date | null;
}

export interface TemplateDetail extends Omit<TemplateSummary, 'overridden'> {
  variables: string[];
  versions: TemplateChannelView[];
}
