// Native chat: rooms (course, group, direct), their members, cursor-paged messages with search,
// and shared files.
import { Type } from 'typebox';

import { Int, StringEnum, Text } from '../kit/schemas.ts';
import { DateTime, Nullable, NullableDateTime, Uuid } from './common.schemas.ts';

export const ChatRoomOut = Type.Object({
  id: Uuid,
  kind: StringEnum(['course', 'group', 'direct'] as const, {
    description:
      'A course’s room (members follow the course), a group room (its owner manages members) or a two-person room.',
  }),
  course_id: Nullable(Uuid),
  name: Type.String(),
  description: Type.String(),
  owner_id: Nullable(Uuid),
  member_count: Type.Integer({ minimum: 0 }),
  last_activity: NullableDateTime,
  created_at: DateTime,
});

export const ChatMemberOut = Type.Object({
  user_id: Uuid,
  username: Type.String(),
  role: StringEnum(['staff', 'student', 'owner', 'member'] as const),
  joined_at: DateTime,
});

export const ChatAttachmentOut = Type.Object({
  file_id: Uuid,
  name: Type.String(),
  content_type: Type.String(),
  size_bytes: Type.Integer({ minimum: 0 }),
});

export const ChatMessageOut = Type.Object({
  id: Uuid,
  room_id: Uuid,
  user_id: Nullable(Uuid),
  username: Type.String(),
  content: Type.String(),
  reply_to: Nullable(Uuid),
  created_at: DateTime,
  edited_at: NullableDateTime,
  reactions: Type.Array(
    Type.Object({ emoji: Type.String(), count: Type.Integer({ minimum: 1 }), user_ids: Type.Array(Uuid) }),
  ),
  attachments: Type.Array(ChatAttachmentOut),
});

export const MessageSliceOut = Type.Object({
  items: Type.Array(ChatMessageOut, { description: 'Oldest first.' }),
  has_more: Type.Boolean({
    description:
      'More messages lie beyond this page in the direction paged: older ones (with `before` or no cursor) or newer ones (with `after`).',
  }),
});

export const CreateGroupRoomIn = Type.Object({
  name: Text(1, 300),
  description: Type.Optional(Type.String({ maxLength: 10_000 })),
  member_ids: Type.Array(Uuid, {
    default: [],
    maxItems: 500,
    description: 'Members besides the caller, who owns the room.',
  }),
});

export const OpenDirectRoomIn = Type.Object({ user_id: Uuid });
export const AddMemberIn = Type.Object({ user_id: Uuid });

export const RoomParams = Type.Object({ room_id: Uuid });
export const MemberParams = Type.Object({ room_id: Uuid, user_id: Uuid });
export const AttachmentParams = Type.Object({ room_id: Uuid, file_id: Uuid });

export const MessageSliceQuery = Type.Object({
  limit: Int(1, 100, { default: 50, description: 'Messages to return (at most 100).' }),
  before: Type.Optional({ ...Uuid, description: 'Only messages older than this message (page backwards).' }),
  after: Type.Optional({ ...Uuid, description: 'Only messages newer than this message (page forwards, catch up).' }),
  q: Type.Optional(Text(1, 200, { description: 'Only messages containing every word of `q` (search in the room).' })),
});
