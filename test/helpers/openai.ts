// A local OpenAI-compatible chat-completions server for the assistant's tests: it records every
// request and answers as each test decides (text, a tool call, an HTTP error, or never), in JSON
// or as a Server-Sent Events stream when the request asks for `stream: true`.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';

export interface ChatRequest {
  model: string;
  stream?: boolean;
  messages: { role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; description: string; parameters: object } }[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: ChatRequest;
}

export type Reply = { text: string } | { tool: string; args: object } | { status: number; error: string } | 'hang';

export type Handler = (body: ChatRequest, index: number) => Reply;

export async function startOpenAiServer() {
  const requests: RecordedRequest[] = [];
  /** Requests whose client closed the connection before an answer was sent. */
  let abandoned = 0;
  let handler: Handler = () => ({ text: 'Hello' });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as ChatRequest;
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
      if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      const reply = handler(body, requests.length - 1);
      response.once('close', () => {
        if (!response.writableEnded) abandoned++;
      });
      answer(response, body, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  after(close);
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    abandoned: () => abandoned,
    /** How the following requests are answered. */
    respond(next: Handler) {
      handler = next;
    },
    close,
  };
}

function answer(response: ServerResponse, body: ChatRequest, reply: Reply): void {
  if (reply === 'hang') return;
  if ('status' in reply) {
    // OpenAI's own hint for the client's retry delay: keeps the retry of a 5xx quick.
    response
      .writeHead(reply.status, { 'content-type': 'application/json', 'retry-after-ms': '10' })
      .end(JSON.stringify({ error: { message: reply.error, type: 'server_error' } }));
    return;
  }
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const toolCall =
    'tool' in reply
      ? {
          id: `call_${randomUUID()}`,
          type: 'function',
          function: { name: reply.tool, arguments: JSON.stringify(reply.args) },
        }
      : undefined;
  const finish = toolCall ? 'tool_calls' : 'stop';
  if (!body.stream) {
    const message = toolCall
      ? { role: 'assistant', content: null, tool_calls: [toolCall] }
      : { role: 'assistant', content: (reply as { text: string }).text };
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      }),
    );
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: object, finishReason: string | null = null) =>
    response.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`,
    );
  chunk({ role: 'assistant', content: '' });
  if (toolCall) {
    chunk({
      tool_calls: [
        { index: 0, id: toolCall.id, type: 'function', function: { name: toolCall.function.name, arguments: '' } },
      ],
    });
    chunk({ tool_calls: [{ index: 0, function: { arguments: toolCall.function.arguments } }] });
  } else {
    const text = (reply as { text: string }).text;
    for (let at = 0; at < text.length; at += 8) chunk({ content: text.slice(at, at + 8) });
  }
  chunk({}, finish);
  response.end('data: [DONE]\n\n');
}
