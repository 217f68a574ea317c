// Chat rooms, members and messages as the native surface shows them.
import type { ChatMember, ChatMessage, ChatRoom, MessageSlice } from '../../../modules/communication/index.ts';

export const toChatRoomOut = (room: ChatRoom) => ({
  id: room.id,
  kind: room.kind,
  course_id: room.course_id,
  name: room.name,
  description: room.description,
  owner_id: room.owner_id,
  member_count: Number(room.member_count),
  last_activity: room.last_activity,
  created_at: room.created_at,
});

export const toChatMemberOut = (member: ChatMember) => ({
  user_id: member.user_id,
  username: member.username,
  role: member.role,
  joined_at: member.joined_at,
});

export const toChatMessageOut = (message: ChatMessage) => ({
  id: message.id,
  room_id: message.room_id,
  user_id: message.user_id,
  username: message.username,
  content: message.content,
  reply_to: message.reply_to,
  created_at: message.created_at,
  edited_at: message.edited_at,
  reactions: message.reactions,
  attachments: message.attachments,
});

export const toMessageSliceOut = (slice: MessageSlice) => ({
  items: slice.messages.map(toChatMessageOut),
  has_more: slice.has_more,
});
