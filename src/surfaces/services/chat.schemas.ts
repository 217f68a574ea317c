// The chat service's answers (003 "Chat Service"): history, room search and presence, with the
// edit time, reactions and shared files beside the documented message fields.
import { Type } from 'typebox';

import { DateTime, LimitOffsetQuery, Nullable, NullableDateTime, Text, Uuid } from '../kit/schemas.ts';

export const Reaction = Type.Object({
  emoji: Type.String(),
  count: Type.Integer({ minimum: 1 }),
  user_ids: Type.Array(Uuid),
});

export const AttachmentOut = Type.Object({
  file_id: Uuid,
  name: Type.String(),
  content_type: Type.String(),
  size_bytes: Type.Integer({ minimum: 0 }),
});

export const ChatMessageOut = Type.Object({
  id: Uuid,
  user_id: Nullable(Uuid),
  username: Type.String(),
  content: Type.String(),
  timestamp: DateTime,
  reply_to: Nullable(Uuid),
  edited_at: NullableDateTime,
  reactions: Type.Array(Reaction),
  attachments: Type.Array(AttachmentOut, {
    description:
      'Files shared with the message; members download them at /api/v1/chat/rooms/{room}/attachments/{file_id}.',
  }),
});

export const MessageHistoryOut = Type.Object({
  messages: Type.Array(ChatMessageOut, { description: 'Oldest first within the page; offset 0 is the newest page.' }),
  total: Type.Integer({ minimum: 0 }),
  has_more: Type.Boolean({ description: 'Older messages exist beyond this page.' }),
});

export const ChatIdParams = Type.Object({
  chatId: Text(1, 100, { description: 'Chat room id (a course room has the course’s id).' }),
});
export const HistoryQuery = LimitOffsetQuery;

export const ChatSummaryOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  member_count: Type.Integer({ minimum: 0 }),
  last_activity: NullableDateTime,
});
export const ChatSearchOut = Type.Object({ chats: Type.Array(ChatSummaryOut) });
export const ChatSearchQuery = Type.Object({
  q: Text(1, 200, { description: 'Words that must each appear in the room’s name or description.' }),
});

export const PresenceParams = Type.Object({ userId: Text(1, 100) });
export const PresenceOut = Type.Object({
  online: Type.Boolean(),
  last_seen: Nullable({ ...DateTime, description: 'Now when online; when the user was last connected otherwise.' }),
});

export const WsQuery = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 8192 })),
  roomId: Text(1, 100),
});
