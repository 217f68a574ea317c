// Native Web Push shapes: the VAPID key a browser subscribes with, and a user's devices.
import { Type } from 'typebox';

import { Nullable, Text } from '../kit/schemas.ts';
import { DateTime, NullableDateTime, Uuid } from './common.schemas.ts';

export const PushConfigOut = Type.Object({
  enabled: Type.Boolean({ description: 'False when the server has no VAPID keys (push goes to the dev outbox).' }),
  vapid_public_key: Nullable(
    Type.String({ description: 'The `applicationServerKey` for `pushManager.subscribe()`, base64url.' }),
  ),
});

export const RegisterPushBody = Type.Object(
  {
    endpoint: Type.String({ minLength: 1, maxLength: 2048, description: 'The push service URL (https).' }),
    expirationTime: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 }))),
    keys: Type.Object({
      p256dh: Type.String({ minLength: 1, maxLength: 200, description: 'The browser’s P-256 public key, base64url.' }),
      auth: Type.String({ minLength: 1, maxLength: 100, description: 'The 16-byte auth secret, base64url.' }),
    }),
    device_name: Type.Optional(Text(1, 200, { description: 'A name the user recognises (“Firefox on laptop”).' })),
  },
  { description: 'What the browser’s `PushSubscription.toJSON()` returns, plus an optional device name.' },
);

export const PushSubscriptionOut = Type.Object({
  id: Uuid,
  endpoint: Type.String(),
  device_name: Nullable(Type.String()),
  expires_at: NullableDateTime,
  created_at: DateTime,
  last_used_at: Nullable(DateTime),
});

export const PushSubscriptionParams = Type.Object({ subscription_id: Uuid });
