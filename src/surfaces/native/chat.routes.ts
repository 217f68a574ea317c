// Native chat endpoints: my rooms, group rooms (members managed by the owner), direct rooms
// (one per pair), members, cursor-paged messages with search, and shared files by signed link.
// The live side is 003's `/ws?roomId=` with any of these rooms.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent, Redirect } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  AddMemberIn,
  AttachmentParams,
  ChatMemberOut,
  ChatRoomOut,
  CreateGroupRoomIn,
  MemberParams,
  MessageSliceOut,
  MessageSliceQuery,
  OpenDirectRoomIn,
  RoomParams,
} from './chat.schemas.ts';
import { Page, PageQuery } from './common.schemas.ts';
import { toChatMemberOut, toChatRoomOut, toMessageSliceOut } from './serializers/chat.ts';
import { pageOf } from './serializers/page.ts';

const MEMBERS_ONLY = 'Members of the room, course staff for a course room, and admins; 404 for anyone else.';

export function chatRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { communication } = modules;
    const tags = ['chat'];

    app.get(
      '/chat/rooms',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'listMyChatRooms',
          summary: 'List my chat rooms',
          description: 'Course, group and direct rooms the caller is a member of, the most recently active first.',
          tags,
          querystring: PageQuery,
          response: { 200: Described(Page(ChatRoomOut), "A page of the caller's rooms.") },
        },
      },
      async (request) => {
        const { page, page_size } = request.query;
        const result = await communication.listMyRooms(actorOf(request), fromPage(page, page_size));
        return pageOf(result.items.map(toChatRoomOut), result.total, page, page_size);
      },
    );

    app.post(
      '/chat/rooms',
      {
        config: { auth: 'user', location: '/chat/rooms/{id}' },
        schema: {
          operationId: 'createGroupChatRoom',
          summary: 'Create a group room',
          description: 'The caller owns the room and alone may add and remove its members. Unknown users are 404.',
          tags,
          body: CreateGroupRoomIn,
          response: { 201: Described(ChatRoomOut, 'The room is created.') },
        },
      },
      async (request, reply) => {
        const { name, description, member_ids } = request.body;
        const room = await communication.createGroupRoom(actorOf(request), {
          name,
          member_ids,
          ...(description !== undefined ? { description } : {}),
        });
        return reply.status(201).send(toChatRoomOut(room));
      },
    );

    app.post(
      '/chat/direct',
      {
        config: { auth: 'user', location: '/chat/rooms/{id}' },
        schema: {
          operationId: 'openDirectChatRoom',
          summary: 'Open a direct room with a user',
          description:
            'The two-person room of the caller and `user_id`: created on first use (201), the same room every later time (200), whichever of the two asks.',
          tags,
          body: OpenDirectRoomIn,
          response: {
            200: Described(ChatRoomOut, 'The existing room of the pair.'),
            201: Described(ChatRoomOut, 'The room is created.'),
          },
        },
      },
      async (request, reply) => {
        const { room, created } = await communication.openDirectRoom(actorOf(request), request.body.user_id);
        return reply.status(created ? 201 : 200).send(toChatRoomOut(room));
      },
    );

    app.get(
      '/chat/rooms/:room_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'getChatRoom',
          summary: 'Get a chat room',
          description: MEMBERS_ONLY,
          tags,
          params: RoomParams,
          response: { 200: Described(ChatRoomOut, 'The room.') },
        },
      },
      async (request) => toChatRoomOut(await communication.getRoom(actorOf(request), request.params.room_id)),
    );

    app.get(
      '/chat/rooms/:room_id/members',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'listChatRoomMembers',
          summary: "List a room's members",
          description: MEMBERS_ONLY,
          tags,
          params: RoomParams,
          response: { 200: Described(Type.Array(ChatMemberOut), 'The members, in the order they joined.') },
        },
      },
      async (request) =>
        (await communication.listMembers(actorOf(request), request.params.room_id)).map(toChatMemberOut),
    );

    app.post(
      '/chat/rooms/:room_id/members',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'addChatRoomMember',
          summary: 'Add a member to a group room',
          description:
            "The room's owner (and admins) only: other members get 403, non-members 404. Course rooms follow the course (409) and direct rooms keep their pair (409). Adding a member twice changes nothing.",
          tags,
          params: RoomParams,
          body: AddMemberIn,
          response: { 200: Described(Type.Array(ChatMemberOut), 'The members after the change.') },
        },
      },
      async (request) =>
        (await communication.addMember(actorOf(request), request.params.room_id, request.body.user_id)).map(
          toChatMemberOut,
        ),
    );

    app.delete(
      '/chat/rooms/:room_id/members/:user_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'removeChatRoomMember',
          summary: 'Remove a member from a group room',
          description:
            "The room's owner (and admins) remove anyone but the owner; any member may remove themselves (leave). The removed member's open sockets in the room close with 4003.",
          tags,
          params: MemberParams,
          response: { 204: Described(NoContent, 'The member is removed.') },
        },
      },
      async (request, reply) => {
        await communication.removeMember(actorOf(request), request.params.room_id, request.params.user_id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/chat/rooms/:room_id/messages',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'listChatMessages',
          summary: "Page through a room's messages",
          description: `${MEMBERS_ONLY} Cursor paging by message id: no cursor gives the newest messages, \`before\` older ones, \`after\` newer ones; each page lists its messages oldest first, in the order they were sent. \`q\` searches the room. Deleted messages are left out.`,
          tags,
          params: RoomParams,
          querystring: MessageSliceQuery,
          response: { 200: Described(MessageSliceOut, 'A page of messages.') },
        },
      },
      async (request) => {
        const { limit, before, after, q } = request.query;
        return toMessageSliceOut(
          await communication.sliceMessages(actorOf(request), request.params.room_id, { limit, before, after, q }),
        );
      },
    );

    app.get(
      '/chat/rooms/:room_id/attachments/:file_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'downloadChatAttachment',
          summary: 'Download a file shared in a room',
          description: `Redirects to a short-lived signed link of a file attached to a message of the room. ${MEMBERS_ONLY}`,
          tags,
          params: AttachmentParams,
          response: { 302: Redirect('To the file.') },
        },
      },
      async (request, reply) =>
        reply.redirect(
          await communication.attachmentUrl(actorOf(request), request.params.room_id, request.params.file_id),
          302,
        ),
    );
  };
}
