// 003's chat service: message history, room search and presence at /api/chats, and the chat
// WebSocket at /ws. The upgrade is authenticated (401) and checked against the room (403) before
// it completes, so a refused client gets an HTTP answer in 003's format; the socket is then
// handed to the communication module's hub.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf, bearerToken, TOKEN_SUBPROTOCOL, upgradeToken } from '../../http/auth.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  ChatIdParams,
  ChatSearchOut,
  ChatSearchQuery,
  HistoryQuery,
  MessageHistoryOut,
  PresenceOut,
  PresenceParams,
  WsQuery,
} from './chat.schemas.ts';
import { toChatSummaryOut, toMessageHistoryOut, toPresenceOut } from './serializers/chat.ts';

export { TOKEN_SUBPROTOCOL };

export function chatRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { communication } = modules;
    const tags = ['chat'];

    app.get(
      '/api/chats/search',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesSearchChats',
          summary: 'Search chat rooms',
          description:
            'Rooms the caller belongs to (course rooms of the courses they teach or are enrolled in, their group and direct rooms; every room for admins) whose name or description contains each word of `q`. At most 50, the most recently active first.',
          tags,
          querystring: ChatSearchQuery,
          response: { 200: Described(ChatSearchOut, 'The matching rooms') },
        },
      },
      async (request) => ({
        chats: (await communication.searchRooms(actorOf(request), request.query.q)).map(toChatSummaryOut),
      }),
    );

    app.get(
      '/api/chats/presence/:userId',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesGetPresence',
          summary: 'Get a user’s presence',
          description:
            'Online while the user has a chat socket open (on any process). Only for users who share a room with the caller; anyone else is 404.',
          tags,
          params: PresenceParams,
          response: { 200: Described(PresenceOut, 'Whether the user is online and when they were last seen') },
        },
      },
      async (request) => toPresenceOut(await communication.getPresence(actorOf(request), request.params.userId)),
    );

    app.get(
      '/api/chats/:chatId/messages',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesListChatMessages',
          summary: 'Get a room’s message history',
          description:
            'Members only (others get 404). Offset 0 is the newest page; each page lists its messages oldest first. Deleted messages are left out.',
          tags,
          params: ChatIdParams,
          querystring: HistoryQuery,
          response: { 200: Described(MessageHistoryOut, 'A page of messages') },
        },
      },
      async (request) =>
        toMessageHistoryOut(
          await communication.listMessages(actorOf(request), request.params.chatId, {
            limit: request.query.limit,
            offset: request.query.offset,
          }),
        ),
    );

    app.get(
      '/ws',
      {
        websocket: true,
        config: { auth: 'user', websocket: true },
        schema: { querystring: WsQuery },
        // Before the upgrade completes: a room the caller may not use answers 403 over HTTP.
        preHandler: async (request) => {
          await communication.admit(actorOf(request), request.query.roomId);
        },
      },
      (socket, request) => {
        const connection = communication.connect(
          {
            send: (text) => socket.send(text),
            bufferedAmount: () => socket.bufferedAmount,
            close: (code, reason) => socket.close(code, reason),
            terminate: () => socket.terminate(),
            ping: () => socket.ping(),
          },
          {
            actor: actorOf(request),
            token: bearerToken(request) ?? upgradeToken(request) ?? '',
            roomId: request.query.roomId,
          },
        );
        socket.on('message', (data, isBinary) => {
          connection.receive(isBinary ? '' : String(data));
        });
        socket.on('pong', () => connection.pong());
        socket.on('close', () => connection.closed());
      },
    );
  };
}
