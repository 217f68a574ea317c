// Events the assistant publishes, inside the transaction of the change they report.
import type { AssistantProvider } from './assistant.tables.ts';

declare module '../../platform/events/index.ts' {
  interface EventMap {
    'assistant.session.created': AssistantSessionCreated;
    /** An answer was stored (a provider failure stores none and publishes nothing). */
    'assistant.message.answered': AssistantMessageAnswered;
  }
}

export interface AssistantSessionCreated {
  session_id: string;
  user_id: string;
}

export interface AssistantMessageAnswered {
  session_id: string;
  user_id: string;
  /** The assistant message. */
  message_id: string;
  provider: AssistantProvider;
  model: string | null;
  /** The published courses the answer was grounded on. */
  course_ids: string[];
  /** Time from the question to the stored answer. */
  duration_ms: number;
}
