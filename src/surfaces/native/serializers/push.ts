// Native shape of a push device (the keys stay on the server).
import type { PushSubscription } from '../../../modules/notifications/index.ts';

export const pushSubscriptionOut = (s: PushSubscription) => ({
  id: s.id,
  endpoint: s.endpoint,
  device_name: s.device_name,
  expires_at: s.expires_at,
  created_at: s.created_at,
  last_used_at: s.last_used_at,
});
