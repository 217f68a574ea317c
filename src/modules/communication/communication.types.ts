// The chat's domain inputs and outputs.
import type { MemberRole, RoomKind } from './communication.tables.ts';

export type { MemberRole, RoomKind } from './communication.tables.ts';

/** The longest message a member may send. */
export const MAX_MESSAGE_CHARS = 4000;

export interface ChatRoom {
  id: string;
  kind: RoomKind;
  course_id: string | null;
  name: string;
  description: string;
  owner_id: string | null;
  member_count: number;
  last_activity: Date | null;
  created_at: Date;
}

export interface ChatMember {
  user_id: string;
  username: string;
  role: MemberRole;
  joined_at: Date;
}

export interface ReactionCount {
  emoji: string;
  count: number;
  user_ids: string[];
}

/** At most this many files on one message. */
export const MAX_ATTACHMENTS = 10;

/** A shared file as a message shows it; members download it by a signed link. */
export interface ChatAttachment {
  file_id: string;
  name: string;
  content_type: string;
  size_bytes: number;
}

export interface ChatMessage {
  id: string;
  room_id: string;
  user_id: string | null;
  username: string;
  content: string;
  reply_to: string | null;
  created_at: Date;
  edited_at: Date | null;
  reactions: ReactionCount[];
  attachments: ChatAttachment[];
}

export interface MessagePage {
  messages: ChatMessage[];
  total: number;
  has_more: boolean;
}

/** A cursor page: `has_more` says whether more messages lie beyond it in the direction paged. */
export interface MessageSlice {
  messages: ChatMessage[];
  has_more: boolean;
}

export interface Presence {
  online: boolean;
  last_seen: Date | null;
}
