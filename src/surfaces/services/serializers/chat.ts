// Chat rooms, messages and presence as 003's chat service shows them.
import type { ChatMessage, ChatRoom, MessagePage, Presence } from '../../../modules/communication/index.ts';

export const toChatMessageOut = (message: ChatMessage) => ({
  id: message.id,
  user_id: message.user_id,
  username: message.username,
  content: message.content,
  timestamp: message.created_at,
  reply_to: message.reply_to,
  edited_at: message.edited_at,
  reactions: message.reactions,
  attachments: message.attachments,
});

export const toMessageHistoryOut = (page: MessagePage) => ({
  messages: page.messages.map(toChatMessageOut),
  total: page.total,
  has_more: page.has_more,
});

export const toChatSummaryOut = (room: ChatRoom) => ({
  id: room.id,
  name: room.name,
  description: room.description,
  member_count: Number(room.member_count),
  last_activity: room.last_activity,
});

export const toPresenceOut = (presence: Presence) => ({ online: presence.online, last_seen: presence.last_seen });
