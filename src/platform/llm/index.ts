// The chat-model port: what the assistant hands a model and gets back, and how a model fails.
// The OpenAI-compatible implementation is in openai.ts, loaded only when OPENAI_BASE_URL is set
// (the SDK is a few hundred modules a server without a model never needs).

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A function the model may call; its answer goes back to the model as text. */
export interface LlmTool {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
  run(args: Record<string, unknown>): Promise<string>;
}

export interface LlmRequest {
  messages: LlmMessage[];
  tools?: readonly LlmTool[] | undefined;
  /** Streams the answer: receives each piece of text as the model produces it. */
  onDelta?: ((text: string) => void) | undefined;
  /** The caller gave up (the client disconnected). */
  signal?: AbortSignal | undefined;
}

export interface LlmAnswer {
  content: string;
  /** How many tool calls the model made before answering. */
  toolCalls: number;
}

export interface ChatModel {
  readonly model: string;
  complete(request: LlmRequest): Promise<LlmAnswer>;
}

export type LlmFailure = 'timeout' | 'http' | 'connection' | 'empty' | 'aborted';

/** The model gave no answer. `status` is the provider's HTTP status, when it answered one. */
export class LlmError extends Error {
  readonly reason: LlmFailure;
  readonly status: number | undefined;
  constructor(reason: LlmFailure, message: string, status?: number) {
    super(message);
    this.name = 'LlmError';
    this.reason = reason;
    this.status = status;
  }
}
