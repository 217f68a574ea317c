// What answers a question: the built-in advisor (advisor.ts) or a model (model-responder.ts).
// Both get the same retrieval and may talk about those courses only.
import type { AssistantProvider, CourseFact, MessageRole } from './assistant.types.ts';
import type { Retrieval } from './retrieval.ts';

export interface AnswerInput {
  question: string;
  /** Earlier messages of the session, oldest first, already bounded. */
  history: { role: MessageRole; content: string }[];
  retrieval: Retrieval;
  /** A further catalogue search (published courses only), for models that call tools. */
  search(query: string): Promise<CourseFact[]>;
  onDelta?: ((text: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface Answer {
  content: string;
  /** The courses the answer talks about (kept for follow-up questions). */
  courseIds: string[];
}

export interface Responder {
  provider: AssistantProvider;
  model: string | null;
  answer(input: AnswerInput): Promise<Answer>;
}
