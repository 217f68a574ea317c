// A chat model behind an OpenAI-compatible chat-completions API (OpenAI, Azure-style gateways,
// vLLM, llama.cpp, Ollama...). It knows nothing about courses: callers hand it messages and
// tools; it runs the tool rounds, streams text when asked, and keeps to one deadline. Failures
// come out as LlmError without the provider's own text, which may quote the API key.
import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type {
  ChatCompletionMessage,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';

import type { ChatModel, LlmRequest, LlmTool } from './index.ts';
import { LlmError } from './index.ts';

export interface OpenAiSettings {
  baseUrl: string;
  apiKey: string;
  model: string;
  /** One deadline for the whole answer: every request, retry and tool round. */
  timeoutMs: number;
  /** Rounds in which the model may call tools before it must answer. */
  maxToolRounds?: number;
}

export function createOpenAiChatModel(settings: OpenAiSettings): ChatModel {
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl,
    timeout: settings.timeoutMs,
    maxRetries: 1,
    // The SDK's own logging could print request options; Lectern logs failures itself.
    logLevel: 'off',
  });
  const maxToolRounds = settings.maxToolRounds ?? 2;
  // Servers whose model has no tool support refuse `tools` with a 400; after the first such
  // refusal the model is asked without them (the retrieved courses are in the prompt anyway).
  let toolsSupported = true;

  async function ask(
    messages: ChatCompletionMessageParam[],
    tools: ChatCompletionTool[] | undefined,
    request: LlmRequest,
    signal: AbortSignal,
  ): Promise<ChatCompletionMessage | undefined> {
    const body = { model: settings.model, messages, ...(tools ? { tools } : {}) };
    if (request.onDelta) {
      const onDelta = request.onDelta;
      const stream = client.chat.completions.stream({ ...body, stream: true }, { signal });
      stream.on('content', (delta) => {
        if (delta) onDelta(delta);
      });
      return (await stream.finalChatCompletion()).choices[0]?.message;
    }
    return (await client.chat.completions.create(body, { signal })).choices[0]?.message;
  }

  return {
    model: settings.model,

    async complete(request) {
      const deadline = AbortSignal.timeout(settings.timeoutMs);
      const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
      const messages: ChatCompletionMessageParam[] = request.messages.map((m) => ({ ...m }));
      const tools = request.tools ?? [];
      let toolCalls = 0;
      for (let round = 0; ; round++) {
        const offer = toolsSupported && tools.length > 0 && round < maxToolRounds;
        let message: ChatCompletionMessage | undefined;
        try {
          message = await ask(messages, offer ? tools.map(toolSpec) : undefined, request, signal);
        } catch (error) {
          if (offer && error instanceof APIError && error.status === 400 && /tool/i.test(error.message)) {
            toolsSupported = false;
            continue;
          }
          throw failure(error, deadline);
        }
        const calls = (message?.tool_calls ?? []).filter((call) => call.type === 'function');
        if (offer && calls.length > 0) {
          messages.push({ role: 'assistant', content: message?.content ?? null, tool_calls: calls });
          for (const call of calls) {
            toolCalls++;
            const content = await runTool(tools, call.function.name, call.function.arguments);
            messages.push({ role: 'tool', tool_call_id: call.id, content });
          }
          continue;
        }
        const content = message?.content?.trim();
        if (!content) throw new LlmError('empty', 'The model answered without text');
        return { content, toolCalls };
      }
    },
  };
}

function toolSpec(tool: LlmTool): ChatCompletionTool {
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}

/** A tool's answer, or a short error the model can read (bad arguments, unknown tool). */
async function runTool(tools: readonly LlmTool[], name: string, rawArgs: string): Promise<string> {
  const tool = tools.find((candidate) => candidate.name === name);
  if (!tool) return `Unknown tool "${name}"; available: ${tools.map((t) => t.name).join(', ')}`;
  let args: unknown;
  try {
    args = JSON.parse(rawArgs || '{}');
  } catch {
    return 'The arguments were not valid JSON';
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return 'The arguments must be a JSON object';
  try {
    return await tool.run(args as Record<string, unknown>);
  } catch {
    return `The tool "${name}" failed; answer without it`;
  }
}

/** What went wrong, in words that never quote the provider (its messages may echo the key). */
function failure(error: unknown, deadline: AbortSignal): LlmError {
  if (error instanceof LlmError) return error;
  if (error instanceof APIConnectionTimeoutError || (error instanceof APIUserAbortError && deadline.aborted)) {
    return new LlmError('timeout', 'The model did not answer in time');
  }
  if (error instanceof APIUserAbortError) return new LlmError('aborted', 'The request was abandoned');
  if (error instanceof APIError && typeof error.status === 'number') {
    return new LlmError('http', `The model's server answered HTTP ${error.status}`, error.status);
  }
  if (error instanceof APIError) return new LlmError('connection', "The model's server could not be reached");
  return new LlmError('connection', 'The request to the model failed');
}
