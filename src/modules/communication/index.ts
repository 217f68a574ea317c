// The communication module's public API: course chat rooms (kept in step with the catalog and
// enrolments), group and direct rooms, message history and search, presence, and the live hub
// that the WebSocket surface hands its sockets to.
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { HubSettings } from './chat-hub.ts';
import { createChatHub } from './chat-hub.ts';
import { userNotFound } from './communication.errors.ts';
import type { CommunicationPorts } from './communication.ports.ts';
import type { Presence } from './communication.types.ts';
import { subscribeMembershipSync } from './membership.sync.ts';
import { createMessageService } from './message.service.ts';
import { createMessageLimiter } from './message-limiter.ts';
import { createPresenceStore } from './presence.store.ts';
import { roomRepo } from './room.repo.ts';
import { createRoomService, isUuid } from './room.service.ts';
import { createUserNames } from './user-names.ts';

export type { ChatConnection, SocketTransport } from './chat-hub.ts';
export { CLOSE } from './chat-hub.ts';
export type { CommunicationPorts } from './communication.ports.ts';
export type * from './communication.types.ts';
export { MAX_MESSAGE_CHARS } from './communication.types.ts';
export type { CursorQuery, HistoryQuery } from './message.service.ts';

export interface CommunicationDeps extends CommunicationPorts {
  database: DatabaseHandle;
  clock: Clock;
  events: Pick<EventBus, 'subscribe'>;
  pubsub: PubSub;
  /** Presence and the message limit live here when set (several processes). */
  redis: Redis | undefined;
  keyPrefix: string;
  settings: HubSettings;
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
}

export function createCommunicationModule(deps: CommunicationDeps) {
  const { database, clock, events, pubsub, redis, keyPrefix, settings, log, catalog, learning, identity, files } = deps;
  const names = createUserNames(identity);
  // The hub is built after the services that evict through it (called only once built).
  const evict = (roomId: string, userId: string) => hub.evict(roomId, userId);
  const closeRoom = (roomId: string) => hub.closeRoom(roomId);
  const rooms = createRoomService({ database, clock, catalog, learning, identity, names, evict });
  const messages = createMessageService({ database, clock, rooms, names, files });
  const presence = createPresenceStore({ redis, keyPrefix, ttlMs: settings.heartbeatMs * 3 });
  const hub = createChatHub({
    pubsub,
    presence,
    limiter: createMessageLimiter({ redis, keyPrefix, perMinute: settings.messagesPerMinute }),
    messages,
    names,
    identity,
    clock,
    settings,
    log,
  });
  subscribeMembershipSync({ events, clock, catalog, learning, identity, evict, closeRoom });

  return {
    searchRooms: rooms.search,
    getRoom: rooms.get,
    /** The WebSocket upgrade's check: a room the caller may not use throws 403. */
    admit: rooms.admit,
    listMembers: rooms.listMembers,
    createGroupRoom: rooms.createGroup,
    openDirectRoom: rooms.openDirect,
    addMember: rooms.addMember,
    removeMember: rooms.removeMember,
    listMessages: messages.history,
    listMyRooms: rooms.listMine,
    /** Cursor paging and search within a room (native). */
    sliceMessages: messages.slice,
    attachmentUrl: messages.attachmentUrl,

    /** Online state of a user who shares a room with the caller (or is the caller); else not found. */
    async getPresence(actor: Actor, userId: string): Promise<Presence> {
      if (!isUuid(userId)) throw userNotFound(userId);
      const visible =
        userId === actor.id || actor.role === 'admin' || (await roomRepo.shareRoom(database.db, actor.id, userId));
      if (!visible) throw userNotFound(userId);
      return hub.presenceOf(userId);
    },

    /** Hands an admitted socket to the hub. */
    connect: hub.attach,
    openSockets: hub.size,
    close: hub.close,
  };
}

export type CommunicationModule = ReturnType<typeof createCommunicationModule>;
