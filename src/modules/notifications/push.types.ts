// Web Push: a user's registered devices, as the module hands them out.
export interface PushSubscription {
  id: string;
  user_id: string;
  endpoint: string;
  device_name: string | null;
  expires_at: Date | null;
  created_at: Date;
  last_used_at: Date | null;
}

/** What a browser's `PushSubscription.toJSON()` gives, plus an optional device name. */
export interface RegisterPushInput {
  endpoint: string;
  expiration_time?: number | null | undefined;
  keys: { p256dh: string; auth: string };
  device_name?: string | undefined;
}

export interface PushConfig {
  /** False when no VAPID keys are set: push notifications go to the dev outbox. */
  enabled: boolean;
  /** The `applicationServerKey` for `pushManager.subscribe()`, base64url. */
  vapid_public_key: string | null;
}
