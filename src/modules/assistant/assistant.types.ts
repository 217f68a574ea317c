// The assistant's domain inputs and outputs, shared by every surface.
import type { AssistantProvider, MessageRole } from './assistant.tables.ts';

export type { AssistantProvider, MessageRole } from './assistant.tables.ts';

/** Longest question a user may send, in characters. */
export const MAX_QUESTION_CHARS = 4000;
/** Longest session title, in characters. */
export const MAX_TITLE_CHARS = 200;

export interface AssistantSession {
  id: string;
  user_id: string;
  /** Null until the user names it or sends a first message (which then names it). */
  title: string | null;
  message_count: number;
  last_message_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface AssistantMessage {
  id: string;
  session_id: string;
  role: MessageRole;
  content: string;
  /** Who answered an assistant message: the built-in advisor or an OpenAI-compatible model; null for the user's. */
  provider: AssistantProvider | null;
  model: string | null;
  /** The published courses the answer was grounded on. */
  course_ids: string[];
  created_at: Date;
}

export interface MessageQuery {
  /** At most this many messages, the most recent ones before `before`. */
  limit: number;
  /** A message id of this session: only messages older than it. */
  before?: string | undefined;
}

/** Messages in conversation order (oldest first), and whether older ones remain. */
export interface MessagePage {
  session_id: string;
  messages: AssistantMessage[];
  has_more: boolean;
}

export interface Exchange {
  user_message: AssistantMessage;
  assistant_message: AssistantMessage;
}

export interface ReplyOptions {
  /** Receives the answer's text as it is produced (streaming clients). */
  onDelta?: ((text: string) => void) | undefined;
  /** Aborts the answer (the client went away): nothing is stored. */
  signal?: AbortSignal | undefined;
}

/** A question stored and waiting for its answer: `reply()` produces, stores and returns it. */
export interface PendingReply {
  user_message: AssistantMessage;
  reply(options?: ReplyOptions): Promise<AssistantMessage>;
}

/** Which answers a deployment gives: the built-in advisor or a model. */
export interface AssistantInfo {
  provider: AssistantProvider;
  model: string | null;
  daily_message_quota: number;
}

/** A published course as the advisor knows it: only facts that are true of the course. */
export interface CourseFact {
  id: string;
  name: string;
  description: string;
  level: string;
  price: string;
  currency: string;
  /** Minutes per session. */
  session_minutes: number | null;
  /** Estimated total minutes. */
  total_minutes: number | null;
  schedule: string[];
  max_students: number | null;
  /** Null: no seat limit. */
  seats_left: number | null;
  instructor: string;
  category: string | null;
  tags: string[];
}
