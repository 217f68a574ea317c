// The AI course advisor's sessions and messages at /api/v1/assistant.
import { Type } from 'typebox';

import { MAX_QUESTION_CHARS, MAX_TITLE_CHARS } from '../../modules/assistant/index.ts';
import { DateTime, Int, Nullable, NullableDateTime, NullableScalar, StringEnum, Text, Uuid } from '../kit/schemas.ts';

const Provider = StringEnum(['builtin', 'openai'], {
  description: '`builtin`: the built-in catalogue advisor (no AI model); `openai`: an OpenAI-compatible model.',
});

export const AssistantInfoOut = Type.Object({
  provider: Provider,
  model: Nullable(Type.String()),
  daily_message_quota: Type.Integer({ description: 'Messages a user may send in any 24 hours.' }),
});

export const SessionParams = Type.Object({ session_id: Uuid });

export const CreateSessionBody = Type.Object(
  { title: Type.Optional(NullableScalar(Text(0, MAX_TITLE_CHARS))) },
  { additionalProperties: false },
);
export const RenameSessionBody = Type.Object(
  { title: NullableScalar(Text(0, MAX_TITLE_CHARS)) },
  { additionalProperties: false },
);

export const SessionOut = Type.Object({
  id: Uuid,
  title: Nullable(Type.String()),
  message_count: Type.Integer(),
  last_message_at: NullableDateTime,
  created_at: DateTime,
  updated_at: DateTime,
});

export const MessagesQuery = Type.Object({
  limit: Int(1, 100, { default: 50, description: 'Messages to return (at most 100), the most recent ones.' }),
  before: Type.Optional(Uuid),
});

export const MessageOut = Type.Object({
  id: Uuid,
  session_id: Uuid,
  role: StringEnum(['user', 'assistant']),
  content: Type.String(),
  provider: Nullable(Provider),
  model: Nullable(Type.String()),
  course_ids: Type.Array(Uuid, { description: 'The published courses the answer was grounded on.' }),
  created_at: DateTime,
});

export const MessagePageOut = Type.Object({
  items: Type.Array(MessageOut, { description: 'Oldest first.' }),
  has_more: Type.Boolean({ description: 'Older messages exist: ask again with `before` = the first id.' }),
});

export const AskBody = Type.Object({ content: Text(1, MAX_QUESTION_CHARS) }, { additionalProperties: false });

export const ExchangeOut = Type.Object({ user_message: MessageOut, assistant_message: MessageOut });
