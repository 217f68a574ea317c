// 004's chat shapes: sessions with the AI course advisor and their messages.
import { Type } from 'typebox';

import { MAX_QUESTION_CHARS, MAX_TITLE_CHARS } from '../../modules/assistant/index.ts';
import { DateTime, Int, Nullable, NullableScalar, StringEnum, Text, Uuid } from '../kit/schemas.ts';

export const SessionParams = Type.Object({ id: Uuid });

export const CreateSessionBody = Type.Object(
  { title: Type.Optional(NullableScalar(Text(0, MAX_TITLE_CHARS))) },
  { additionalProperties: false },
);

export const SessionData = Type.Object({
  session_id: Uuid,
  user_id: Uuid,
  title: Nullable(Type.String({ description: 'Null until named; a first message names an untitled session.' })),
  created_at: DateTime,
});

export const MessagesQuery = Type.Object({
  limit: Int(1, 100, { default: 50, description: 'Messages to return (at most 100), the most recent ones.' }),
  before: Type.Optional(Uuid),
});

export const MessageOut = Type.Object({
  id: Uuid,
  role: StringEnum(['user', 'assistant']),
  content: Type.String(),
  created_at: DateTime,
});

export const MessagesData = Type.Object({
  session_id: Uuid,
  messages: Type.Array(MessageOut, { description: 'Oldest first.' }),
  has_more: Type.Boolean({ description: 'Older messages exist: ask again with `before` = the first id.' }),
});

export const SendBody = Type.Object({ content: Text(1, MAX_QUESTION_CHARS) }, { additionalProperties: false });

export const ExchangeData = Type.Object({ user_message: MessageOut, assistant_message: MessageOut });
