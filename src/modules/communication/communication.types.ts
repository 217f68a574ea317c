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
}

export interface MessagePage {
  messages: ChatMessage[];
  total: number;
  has_more: boolean;
}

export interface Presence {
  online: boolean;
  last_seen: Date | null;
}
