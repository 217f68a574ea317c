// A stored notification as the module hands it out (the request hash stays inside; a
// confidential one's bodies and data, which carry a one-time secret, too).
import type { NotificationRow } from './notifications.tables.ts';
import type { Notification } from './notifications.types.ts';

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    user_id: row.user_id,
    template: row.template,
    category: row.category,
    subject: row.subject,
    body_text: row.confidential ? '' : row.body_text,
    body_html: row.confidential ? null : row.body_html,
    data: row.confidential ? {} : row.data,
    status: row.status,
    attempts: row.attempts,
    last_error: row.last_error,
    sender_kind: row.sender_kind,
    sender_id: row.sender_id,
    idempotency_key: row.idempotency_key,
    created_at: row.created_at,
    sent_at: row.sent_at,
    read_at: row.read_at,
  };
}
