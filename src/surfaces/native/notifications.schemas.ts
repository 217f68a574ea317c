// Native notification endpoints: a user's in-app feed, and admins' delivery status, templates and
// service API keys.
import { Type } from 'typebox';

import { API_KEY_SCOPES } from '../../modules/notifications/index.ts';
import { Nullable, StringEnum, Text } from '../kit/schemas.ts';
import { DateTime, NullableDateTime, PageObject, PageQuery, Uuid } from './common.schemas.ts';

const CHANNELS = ['email', 'sms', 'push'] as const;
const STATUSES = ['queued', 'sent', 'failed', 'suppressed'] as const;
export const ChannelParam = StringEnum(CHANNELS);

export const FeedItemOut = Type.Object({
  id: Uuid,
  channel: ChannelParam,
  template: Type.String(),
  category: Nullable(Type.String()),
  title: Nullable(Type.String({ description: 'The subject (email) or title (push).' })),
  body: Type.String({ description: 'The plain-text body.' }),
  data: Type.Record(Type.String(), Type.Unknown()),
  read: Type.Boolean(),
  read_at: NullableDateTime,
  created_at: DateTime,
});

export const FeedQuery = Type.Intersect([
  PageQuery,
  Type.Object({ unread_only: Type.Boolean({ default: false, description: 'Only unread notifications.' }) }),
]);

export const FeedPage = {
  ...Type.Object({
    ...PageObject(FeedItemOut).properties,
    unread_count: Type.Integer({ description: 'Unread notifications of the caller (all pages).' }),
  }),
  headers: { Link: { type: 'string', description: 'RFC 8288 links to the first, prev, next and last pages.' } },
};

export const UnreadOut = Type.Object({ unread_count: Type.Integer() });
export const ReadAllOut = Type.Object({ updated: Type.Integer({ description: 'Notifications marked read now.' }) });
export const NotificationParams = Type.Object({ notification_id: Uuid });
export const UnsubscribeQuery = Type.Object({
  token: Text(10, 500, { description: 'The token of the mail’s List-Unsubscribe link.' }),
});

export const NotificationOut = Type.Object({
  id: Uuid,
  channel: ChannelParam,
  recipient: Type.String(),
  user_id: Nullable(Uuid),
  template: Type.String(),
  category: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  body_text: Type.String(),
  body_html: Nullable(Type.String()),
  status: StringEnum(STATUSES),
  attempts: Type.Integer(),
  last_error: Nullable(Type.String()),
  sender_kind: StringEnum(['admin', 'api_key', 'system']),
  sender_id: Nullable(Uuid),
  idempotency_key: Nullable(Type.String()),
  created_at: DateTime,
  sent_at: NullableDateTime,
});

export const NotificationsQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    status: Type.Optional(StringEnum(STATUSES)),
    channel: Type.Optional(ChannelParam),
    template: Type.Optional(Text(1, 100)),
    recipient: Type.Optional(Text(1, 320)),
  }),
]);

export const ApiKeyOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to recognise it.' }),
  scopes: Type.Array(Type.String()),
  created_at: DateTime,
  last_used_at: NullableDateTime,
  revoked_at: NullableDateTime,
});
export const CreatedApiKeyOut = Type.Object({
  ...ApiKeyOut.properties,
  key: Type.String({
    description: 'The key itself: shown this once, only its hash is stored. Send it as `X-API-Key`.',
  }),
});
export const CreateApiKeyBody = Type.Object({
  name: Text(1, 100),
  scopes: Type.Optional(
    Type.Array(StringEnum(API_KEY_SCOPES), {
      minItems: 1,
      maxItems: API_KEY_SCOPES.length,
      description: '`notify` (the default): notify/send and preview; `analytics`: ingest events about any user.',
    }),
  ),
});
export const ApiKeyParams = Type.Object({ key_id: Uuid });

export const TemplateSummaryOut = Type.Object({
  name: Type.String(),
  description: Type.String(),
  group: Type.String(),
  channels: Type.Array(ChannelParam),
  always_sent: Type.Boolean({ description: 'Security and account messages ignore preferences.' }),
  overridden: Type.Array(ChannelParam, { description: 'Channels whose version an admin changed.' }),
});
export const TemplateVersionOut = Type.Object({
  channel: ChannelParam,
  category: Nullable(Type.String({ description: 'The preference that can mute it.' })),
  overridden: Type.Boolean(),
  updated_at: NullableDateTime,
  subject: Nullable(Type.String()),
  text: Type.String(),
  html: Nullable(Type.String()),
});
export const TemplateDetailOut = Type.Object({
  name: Type.String(),
  description: Type.String(),
  group: Type.String(),
  channels: Type.Array(ChannelParam),
  always_sent: Type.Boolean(),
  variables: Type.Array(Type.String()),
  versions: Type.Array(TemplateVersionOut),
});
export const TemplateParams = Type.Object({ name: Text(1, 100) });
export const TemplateChannelParams = Type.Object({ name: Text(1, 100), channel: ChannelParam });
export const TemplateBody = Type.Object({
  subject: Type.Optional(Nullable(Text(1, 500))),
  text: Text(1, 20_000, { description: 'Liquid template of the plain-text part (SMS and push: the message).' }),
  html: Type.Optional(
    Nullable(Text(1, 100_000, { description: 'Liquid template of the HTML part (email); values are escaped.' })),
  ),
});
export const TemplatePreviewBody = Type.Object({
  data: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 100 })),
  subject: Type.Optional(Nullable(Text(1, 500))),
  text: Type.Optional(Text(1, 20_000, { description: 'Render this unsaved version instead of the stored one.' })),
  html: Type.Optional(Nullable(Text(1, 100_000))),
});
export const RenderedOut = Type.Object({
  subject: Nullable(Type.String()),
  html: Nullable(Type.String()),
  text: Type.String(),
});
