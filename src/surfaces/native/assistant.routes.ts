// The AI course advisor at /api/v1/assistant: the same sessions as 004's /v1/chat, with session
// management and answers streamed as Server-Sent Events for clients that want text as it comes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';

import { actorOf } from '../../http/auth.ts';
import { normalizeError } from '../../http/errors.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent, PageQuery } from '../kit/schemas.ts';
import { EventStreamResponse, sendEventStream } from '../kit/sse.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  AskBody,
  AssistantInfoOut,
  CreateSessionBody,
  ExchangeOut,
  MessagePageOut,
  MessagesQuery,
  RenameSessionBody,
  SessionOut,
  SessionParams,
} from './assistant.schemas.ts';
import { Detail, Page } from './common.schemas.ts';
import { exchangeOut, messageOut, messagePageOut, sessionOut } from './serializers/assistant.ts';
import { pageOf } from './serializers/page.ts';

export function assistantRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { assistant } = modules;
    const tags = ['assistant'];
    const user = { auth: 'user' as const };
    const asking = {
      auth: 'user' as const,
      rateLimit: {
        max: config.rateLimit.chatPerMinute,
        timeWindow: 60_000,
        keyGenerator: (request: FastifyRequest) => `assistant:${request.actor?.id ?? request.ip}`,
      },
    };
    const unavailable = Described(Detail, 'The model failed or timed out; the question is kept, no answer stored.');

    app.get(
      '/assistant',
      {
        config: user,
        schema: {
          operationId: 'getAssistantInfo',
          summary: 'Who answers: the built-in advisor or a model',
          tags,
          response: { 200: Described(AssistantInfoOut, 'The assistant of this server') },
        },
      },
      async () => assistant.info(),
    );

    app.post(
      '/assistant/sessions',
      {
        config: user,
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          operationId: 'createAssistantSession',
          summary: 'Start a session with the course advisor',
          tags,
          body: CreateSessionBody,
          response: { 201: Described(SessionOut, 'The new session') },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(sessionOut(await assistant.createSession(actorOf(request), { title: request.body.title }))),
    );

    app.get(
      '/assistant/sessions',
      {
        config: user,
        schema: {
          operationId: 'listAssistantSessions',
          summary: 'List my advisor sessions',
          description: 'The most recently active first.',
          tags,
          querystring: PageQuery,
          response: { 200: Described(Page(SessionOut), 'A page of my sessions') },
        },
      },
      async (request) => {
        const { page, page_size } = request.query;
        const result = await assistant.listSessions(actorOf(request), fromPage(page, page_size));
        return pageOf(result.items.map(sessionOut), result.total, page, page_size);
      },
    );

    app.get(
      '/assistant/sessions/:session_id',
      {
        config: user,
        schema: {
          operationId: 'getAssistantSession',
          summary: 'Get one of my advisor sessions',
          description: "Another user's session is 404, for admins too: conversations are private.",
          tags,
          params: SessionParams,
          response: { 200: Described(SessionOut, 'The session') },
        },
      },
      async (request) => sessionOut(await assistant.getSession(actorOf(request), request.params.session_id)),
    );

    app.patch(
      '/assistant/sessions/:session_id',
      {
        config: user,
        schema: {
          operationId: 'updateAssistantSession',
          summary: 'Rename one of my advisor sessions',
          tags,
          params: SessionParams,
          body: RenameSessionBody,
          response: { 200: Described(SessionOut, 'The renamed session') },
        },
      },
      async (request) =>
        sessionOut(await assistant.renameSession(actorOf(request), request.params.session_id, request.body)),
    );

    app.delete(
      '/assistant/sessions/:session_id',
      {
        config: user,
        schema: {
          operationId: 'deleteAssistantSession',
          summary: 'Delete one of my advisor sessions and its messages',
          tags,
          params: SessionParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await assistant.deleteSession(actorOf(request), request.params.session_id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/assistant/sessions/:session_id/messages',
      {
        config: user,
        schema: {
          operationId: 'listAssistantMessages',
          summary: 'Read the messages of an advisor session',
          description: 'The `limit` most recent messages (before the message `before`), oldest first.',
          tags,
          params: SessionParams,
          querystring: MessagesQuery,
          response: { 200: Described(MessagePageOut, 'The messages') },
        },
      },
      async (request) =>
        messagePageOut(
          await assistant.listMessages(actorOf(request), request.params.session_id, {
            limit: request.query.limit,
            before: request.query.before,
          }),
        ),
    );

    app.post(
      '/assistant/sessions/:session_id/messages',
      {
        // An exchange is not addressable on its own; the session's messages list holds it.
        config: { ...asking, location: () => undefined },
        schema: {
          operationId: 'askAssistant',
          summary: 'Ask the course advisor and wait for the answer',
          description:
            'The answer grounds on published courses that match the question. A model failure or timeout answers 503 and keeps only the question.',
          tags,
          params: SessionParams,
          body: AskBody,
          response: { 201: Described(ExchangeOut, 'The question and its answer'), 503: unavailable },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(exchangeOut(await assistant.send(actorOf(request), request.params.session_id, request.body))),
    );

    app.post(
      '/assistant/sessions/:session_id/messages/stream',
      {
        config: asking,
        schema: {
          operationId: 'askAssistantStreaming',
          summary: 'Ask the course advisor and stream the answer (Server-Sent Events)',
          description:
            'Events: `user_message` (the stored question, as MessageOut), `delta` (`{content}`: the next piece of the answer), then `assistant_message` (the stored answer) or `error` (`{status, code, detail}`; the question is kept, no answer stored). Checks before the stream opens (session, quota, input) answer as usual.',
          tags,
          params: SessionParams,
          body: AskBody,
          response: { 200: EventStreamResponse('The answer as Server-Sent Events'), 503: unavailable },
        },
      },
      async (request, reply) => {
        const pending = await assistant.ask(actorOf(request), request.params.session_id, request.body);
        return sendEventStream(
          reply,
          async (send, signal) => {
            send('user_message', messageOut(pending.user_message));
            const answer = await pending.reply({ signal, onDelta: (content) => send('delta', { content }) });
            send('assistant_message', messageOut(answer));
          },
          (error) => {
            const normalized = normalizeError(error);
            if (normalized.kind === 'internal') request.log.error({ err: error }, 'assistant stream failed');
            return { status: normalized.status, code: normalized.code, detail: normalized.message };
          },
        );
      },
    );
  };
}
