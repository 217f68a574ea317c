// The notifications service's bodies and answers (003 "Notifications Service"). `channel` is a
// plain string so an unknown one answers 003's INVALID_CHANNEL rather than a schema error.
import { Type } from 'typebox';

import { DateTime, Nullable, StringEnum, Text, Uuid } from '../kit/schemas.ts';

const STATUSES = ['queued', 'sent', 'failed', 'suppressed'] as const;
const TemplateData = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
  description: 'Template variables; values are HTML-escaped in HTML parts. At most 20,000 characters of JSON.',
  maxProperties: 100,
});

export const ApiKeyHeader = Type.Object({
  'x-api-key': Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'A service API key (`lsk_...`) with the notify scope; or send an admin access token instead.',
    }),
  ),
});

export const SendBody = Type.Object({
  channel: Type.String({ maxLength: 50, description: '`email`, `sms` or `push`.', examples: ['email'] }),
  recipient: Text(1, 320, {
    description: 'An email address, an E.164 phone number, or (push) a user id or device token.',
  }),
  template: Text(1, 100, { description: 'A template name (see Available Templates).' }),
  data: Type.Optional(TemplateData),
  idempotency_key: Type.Optional(
    Text(1, 255, {
      description:
        'The same key within 24 hours sends nothing new and answers as the first request did; the same key with a different request answers 409.',
    }),
  ),
});

export const SendOut = Type.Object({
  id: Uuid,
  status: StringEnum(STATUSES, { description: '`queued`, or `suppressed` when the recipient muted this category.' }),
  channel: Type.String(),
  recipient: Type.String(),
  template: Type.String(),
  idempotency_key: Nullable(Type.String()),
  created_at: DateTime,
});

export const PreviewBody = Type.Object({
  channel: Type.String({ maxLength: 50, description: '`email`, `sms` or `push`.' }),
  template: Text(1, 100),
  data: Type.Optional(TemplateData),
});

export const PreviewOut = Type.Object({
  subject: Nullable(Type.String({ description: 'Null for SMS.' })),
  content: Type.String({ description: 'The HTML body for email; the message text for SMS and push.' }),
  text_content: Type.String(),
});

const EmailPrefs = Type.Object({
  marketing: Type.Boolean(),
  product_updates: Type.Boolean(),
  security_alerts: Type.Boolean(),
  course_notifications: Type.Boolean(),
});
const SmsPrefs = Type.Object({ security_alerts: Type.Boolean(), urgent_notifications: Type.Boolean() });
const PushPrefs = Type.Object({
  chat_messages: Type.Boolean(),
  course_reminders: Type.Boolean(),
  system_notifications: Type.Boolean(),
});

export const SubscriptionsOut = Type.Object({
  subscriptions: Type.Object({ email: EmailPrefs, sms: SmsPrefs, push: PushPrefs }),
  updated_at: Nullable(DateTime),
});

/** Partial: channels and categories not sent keep their value. */
export const SubscriptionsBody = Type.Object(
  {
    email: Type.Optional(Type.Partial(EmailPrefs, { additionalProperties: false })),
    sms: Type.Optional(Type.Partial(SmsPrefs, { additionalProperties: false })),
    push: Type.Optional(Type.Partial(PushPrefs, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
