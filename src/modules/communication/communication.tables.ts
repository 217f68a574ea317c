// The chat tables (0090_communication.ts, 0091_chat_attachments.ts, 0092_chat_direct_pair.ts) as Kysely sees them.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type RoomKind = 'course' | 'group' | 'direct';
/** Course rooms: `staff` and `student`; group and direct rooms: `owner` and `member`. */
export type MemberRole = 'staff' | 'student' | 'owner' | 'member';

export interface ChatRoomsTable {
  id: Generated<string>;
  kind: RoomKind;
  course_id: string | null;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  owner_id: string | null;
  /** Direct rooms: the two user ids in order, joined by ':' (unique). */
  direct_pair: ColumnType<string | null, string | null | undefined, string | null>;
  last_activity: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChatMembersTable {
  room_id: string;
  user_id: string;
  role: MemberRole;
  joined_at: Timestamp;
}

export interface ChatMessagesTable {
  id: Generated<string>;
  seq: Generated<number>;
  room_id: string;
  user_id: string | null;
  content: string;
  reply_to: string | null;
  created_at: Timestamp;
  edited_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
}

export interface ChatReactionsTable {
  message_id: string;
  user_id: string;
  emoji: string;
  created_at: Timestamp;
}

export interface ChatAttachmentsTable {
  message_id: string;
  file_id: string;
  position: number;
  name: string;
  content_type: string;
  size_bytes: ColumnType<string | number, number, number>;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    chat_rooms: ChatRoomsTable;
    chat_members: ChatMembersTable;
    chat_messages: ChatMessagesTable;
    chat_reactions: ChatReactionsTable;
    chat_attachments: ChatAttachmentsTable;
  }
}
