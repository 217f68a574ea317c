// The assistant's tables (0100_assistant.ts) as Kysely sees them.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type MessageRole = 'user' | 'assistant';
export type AssistantProvider = 'builtin' | 'openai';

export interface AssistantSessionsTable {
  id: Generated<string>;
  user_id: string;
  title: string | null;
  message_count: ColumnType<number, number | undefined, number>;
  last_message_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssistantMessagesTable {
  id: Generated<string>;
  /** Order within a session (bigint identity, read as a number). */
  seq: Generated<number>;
  session_id: string;
  user_id: string;
  role: MessageRole;
  content: string;
  provider: AssistantProvider | null;
  model: string | null;
  course_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    assistant_sessions: AssistantSessionsTable;
    assistant_messages: AssistantMessagesTable;
  }
}
