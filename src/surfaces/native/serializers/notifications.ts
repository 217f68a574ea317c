// Native shapes of notifications: a user's feed item, an admin's delivery record, API keys.
import type { ApiKey, CreatedApiKey, Notification } from '../../../modules/notifications/index.ts';

export const feedItemOut = (n: Notification) => ({
  id: n.id,
  channel: n.channel,
  template: n.template,
  category: n.category,
  title: n.subject,
  body: n.body_text,
  data: n.data,
  read: n.read_at !== null,
  read_at: n.read_at,
  created_at: n.created_at,
});

export const notificationOut = (n: Notification) => ({ ...n });

export const apiKeyOut = (key: ApiKey) => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  created_at: key.created_at,
  last_used_at: key.last_used_at,
  revoked_at: key.revoked_at,
});

export const createdApiKeyOut = (key: CreatedApiKey) => ({ ...apiKeyOut(key), key: key.key });
