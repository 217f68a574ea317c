// 004's chat service: sessions with the AI course advisor. A session is its user's only (anyone
// else's is 404); answers ground on the published catalogue.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  CreateSessionBody,
  ExchangeData,
  MessagesData,
  MessagesQuery,
  SendBody,
  SessionData,
  SessionParams,
} from './chat.schemas.ts';
import { Envelope, ok } from './envelope.schemas.ts';
import { chatRateLimit, routeConfig } from './rate-limit.ts';
import { toExchangeData, toMessagesData, toSessionData } from './serializers/chat.ts';

export function envelopeChatRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { assistant } = modules;
    const tags = ['chat'];

    app.post(
      '/chat/sessions',
      {
        // A session is read through its messages: 004 has no GET of a session alone.
        config: {
          ...routeConfig('user'),
          location: (body) =>
            `/v1/chat/sessions/${String((body['data'] as { id?: unknown } | undefined)?.id)}/messages`,
        },
        // The body is optional: a request without one creates an untitled session.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          operationId: 'envelopeCreateChatSession',
          summary: 'Create a chat session',
          tags,
          body: CreateSessionBody,
          response: { 201: Described(Envelope(SessionData), 'The new session') },
        },
      },
      async (request, reply) => {
        const session = await assistant.createSession(actorOf(request), { title: request.body.title });
        return reply.status(201).send(ok(toSessionData(session)));
      },
    );

    app.get(
      '/chat/sessions/:id/messages',
      {
        config: routeConfig('user'),
        schema: {
          operationId: 'envelopeListChatMessages',
          summary: 'Get the messages of a chat session',
          description: 'The `limit` most recent messages (before the message `before`), oldest first.',
          tags,
          params: SessionParams,
          querystring: MessagesQuery,
          response: { 200: Described(Envelope(MessagesData), 'The messages') },
        },
      },
      async (request) =>
        ok(
          toMessagesData(
            await assistant.listMessages(actorOf(request), request.params.id, {
              limit: request.query.limit,
              before: request.query.before,
            }),
          ),
        ),
    );

    app.post(
      '/chat/sessions/:id/messages',
      {
        // An exchange is not addressable on its own; the session's messages list holds it.
        config: {
          ...routeConfig('user'),
          rateLimit: chatRateLimit(config.rateLimit.chatPerMinute),
          location: () => undefined,
        },
        schema: {
          operationId: 'envelopeSendChatMessage',
          summary: 'Send a message and get the advisor’s answer',
          description:
            'The answer recommends published courses that match the question, with their real price, duration, level, schedule and seats left. It comes from the OpenAI-compatible model the server is configured with; a server without one answers with its built-in catalogue advisor, whose answers say so. When the model fails or times out, the answer is 503 CHATGPT_API_ERROR and only the question is kept. Limits: messages per minute per user (20 by default) and per day (200 by default).',
          tags,
          params: SessionParams,
          body: SendBody,
          response: { 201: Described(Envelope(ExchangeData), 'The question and its answer') },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(ok(toExchangeData(await assistant.send(actorOf(request), request.params.id, request.body)))),
    );
  };
}
