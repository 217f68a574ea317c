// The live side of the chat: the sockets this process holds, grouped by room. Every frame goes
// through the platform pub/sub on the room's channel (Redis across processes, in-process
// otherwise) and each process delivers it to its own sockets, serialised once. Writes are stored
// before they are published. A socket whose send buffer passes the bound is dropped (a slow
// consumer must not grow memory); one that misses a heartbeat is terminated. A socket closes the
// moment its access token expires (a timer per socket, set to the token's `exp`); a revoked
// session closes it at the next heartbeat.
import { randomUUID } from 'node:crypto';

import type { FastifyBaseLogger } from 'fastify';
import { decodeJwt } from 'jose';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import type { PubSub, Unsubscribe } from '../../platform/pubsub/index.ts';
import { messageRateLimited } from './communication.errors.ts';
import type { IdentityPort } from './communication.ports.ts';
import type { ChatMessage } from './communication.types.ts';
import type { MessageService } from './message.service.ts';
import type { MessageLimiter } from './message-limiter.ts';
import type { PresenceStore } from './presence.store.ts';
import type { UserNames } from './user-names.ts';

/** What the hub needs of a socket (the surface adapts a `ws` WebSocket). */
export interface SocketTransport {
  send(text: string): void;
  /** Bytes queued and not yet written to the network. */
  bufferedAmount(): number;
  close(code: number, reason: string): void;
  terminate(): void;
  ping(): void;
}

export interface ChatConnection {
  readonly id: string;
  /** A text frame from the client. */
  receive(text: string): void;
  pong(): void;
  /** The socket closed (for whatever reason). */
  closed(): void;
  /** Resolves once the socket is registered (online) and announced. */
  readonly ready: Promise<void>;
}

export interface HubSettings {
  heartbeatMs: number;
  maxBufferedBytes: number;
  messagesPerMinute: number;
}

export interface HubDeps {
  pubsub: PubSub;
  presence: PresenceStore;
  limiter: MessageLimiter;
  messages: MessageService;
  names: UserNames;
  identity: Pick<IdentityPort, 'authenticate'>;
  clock: Clock;
  settings: HubSettings;
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
}

/** Close codes a client may act on. */
export const CLOSE = {
  goingAway: 1001,
  sessionEnded: 4001,
  removed: 4003,
  roomDeleted: 4004,
  slowConsumer: 4008,
} as const;

type Envelope = { t: 'frame'; frame: Record<string, unknown> } | { t: 'evict'; user_id: string } | { t: 'close' };

interface Conn {
  id: string;
  actor: Actor;
  token: string;
  roomId: string;
  username: string;
  transport: SocketTransport;
  alive: boolean;
  open: boolean;
  /** Frames from this client are handled one after another, in order. */
  queue: Promise<void>;
  lastTyping: number;
  expiry: NodeJS.Timeout | undefined;
}

interface LocalRoom {
  conns: Set<Conn>;
  subscription: Promise<Unsubscribe>;
}

const channelOf = (roomId: string) => `chat:room:${roomId}`;
const TYPING_EVERY_MS = 1000;

export function createChatHub(deps: HubDeps) {
  const { pubsub, presence, limiter, messages, names, identity, clock, settings, log } = deps;
  const rooms = new Map<string, LocalRoom>();
  const conns = new Set<Conn>();

  const publish = (roomId: string, envelope: Envelope) => pubsub.publish(channelOf(roomId), envelope);
  const frame = (roomId: string, body: Record<string, unknown>) => publish(roomId, { t: 'frame', frame: body });

  function deliver(roomId: string, envelope: Envelope): void {
    const room = rooms.get(roomId);
    if (!room) return;
    if (envelope.t === 'frame') {
      const text = JSON.stringify(envelope.frame);
      for (const conn of room.conns) send(conn, text);
    } else {
      for (const conn of room.conns) {
        if (envelope.t === 'close') shut(conn, CLOSE.roomDeleted, 'room deleted');
        else if (conn.actor.id === envelope.user_id) shut(conn, CLOSE.removed, 'no longer a member');
      }
    }
  }

  function send(conn: Conn, text: string): void {
    if (!conn.open) return;
    if (conn.transport.bufferedAmount() > settings.maxBufferedBytes) {
      conn.open = false;
      conn.transport.terminate();
      return;
    }
    conn.transport.send(text);
  }

  function shut(conn: Conn, code: number, reason: string): void {
    if (!conn.open) return;
    conn.open = false;
    conn.transport.close(code, reason);
  }

  /** Closes the socket when its token expires (on the injected clock); tokens without `exp` wait for the heartbeat. */
  function expireAtTokenEnd(conn: Conn): void {
    let exp: number | undefined;
    try {
      exp = decodeJwt(conn.token).exp;
    } catch {
      return;
    }
    if (exp === undefined) return;
    // Timers cap at 2^31-1 ms (about 24 days); tokens live minutes.
    const delay = Math.min(Math.max(0, exp * 1000 - clock.now().getTime()), 2 ** 31 - 1);
    conn.expiry = setTimeout(() => shut(conn, CLOSE.sessionEnded, 'token expired'), delay);
    conn.expiry.unref();
  }

  async function join(conn: Conn): Promise<void> {
    // Online before the first frame reaches the socket.
    await presence.add(conn.actor.id, conn.id, clock.now());
    let room: LocalRoom | undefined;
    // A room whose last socket left while this one waited is torn down (its channel unsubscribed):
    // join the room that replaces it instead, or this socket would hear nothing.
    while (room === undefined || rooms.get(conn.roomId) !== room) {
      room = rooms.get(conn.roomId);
      if (!room) {
        const fresh: LocalRoom = {
          conns: new Set(),
          subscription: pubsub.subscribe(channelOf(conn.roomId), (message) =>
            deliver(conn.roomId, message as Envelope),
          ),
        };
        rooms.set(conn.roomId, fresh);
        room = fresh;
      }
      await room.subscription;
    }
    if (!conn.open) return;
    room.conns.add(conn);
    const timestamp = clock.now().toISOString();
    await frame(conn.roomId, { type: 'user_joined', user_id: conn.actor.id, username: conn.username, timestamp });
    await frame(conn.roomId, { type: 'presence', user_id: conn.actor.id, online: true, timestamp });
  }

  async function leave(conn: Conn): Promise<void> {
    const room = rooms.get(conn.roomId);
    const wasIn = room?.conns.delete(conn) ?? false;
    if (room && room.conns.size === 0) {
      rooms.delete(conn.roomId);
      await (
        await room.subscription
      )();
    }
    const stillOnline = await presence.remove(conn.actor.id, conn.id, clock.now());
    if (!wasIn) return;
    const timestamp = clock.now().toISOString();
    const others = [...(rooms.get(conn.roomId)?.conns ?? [])].some((other) => other.actor.id === conn.actor.id);
    if (!others) {
      await frame(conn.roomId, { type: 'user_left', user_id: conn.actor.id, username: conn.username, timestamp });
    }
    if (!stillOnline) await frame(conn.roomId, { type: 'presence', user_id: conn.actor.id, online: false, timestamp });
  }

  async function handle(conn: Conn, text: string): Promise<void> {
    let input: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      input = parsed as Record<string, unknown>;
    } catch {
      return sendError(conn, 'INVALID_FRAME', 'Frames are JSON objects with a "type"');
    }
    const { actor, roomId } = conn;
    const now = () => clock.now().toISOString();
    switch (input['type']) {
      case 'message': {
        const wait = await limiter.take(actor.id, clock.now());
        if (wait > 0) throw messageRateLimited(settings.messagesPerMinute, wait);
        const message = await messages.send(actor, roomId, {
          content: input['content'],
          reply_to: input['reply_to'],
          attachments: input['attachments'],
        });
        return frame(roomId, messageFrame(message));
      }
      case 'typing': {
        const at = Date.now();
        if (at - conn.lastTyping < TYPING_EVERY_MS) return;
        conn.lastTyping = at;
        const typing = input['is_typing'] !== false;
        return frame(roomId, {
          type: 'typing',
          user_id: actor.id,
          username: conn.username,
          is_typing: typing,
          timestamp: now(),
        });
      }
      case 'reaction': {
        const result = await messages.react(
          actor,
          roomId,
          input as { message_id: unknown; emoji: unknown; action?: unknown },
        );
        if (!result.changed) return;
        const { message_id, emoji, action } = result;
        return frame(roomId, { type: 'reaction', message_id, user_id: actor.id, emoji, action, timestamp: now() });
      }
      case 'edit': {
        const message = await messages.edit(actor, roomId, input as { message_id: unknown; content: unknown });
        return frame(roomId, { ...messageFrame(message), type: 'message_edited' });
      }
      case 'delete': {
        const { id } = await messages.remove(actor, roomId, input as { message_id: unknown });
        return frame(roomId, { type: 'message_deleted', id, user_id: actor.id, timestamp: now() });
      }
      case 'ping':
        return send(conn, JSON.stringify({ type: 'pong', timestamp: now() }));
      default:
        return sendError(conn, 'UNKNOWN_TYPE', 'type must be message, typing, reaction, edit, delete or ping');
    }
  }

  function sendError(conn: Conn, code: string, message: string, extra: Record<string, unknown> = {}): void {
    send(conn, JSON.stringify({ type: 'error', code, message, ...extra, timestamp: clock.now().toISOString() }));
  }

  function reportError(conn: Conn, error: unknown): void {
    if (error instanceof DomainError) {
      const code = error.kind === 'rate_limited' ? 'RATE_LIMIT_EXCEEDED' : error.code;
      const extra = error.retryAfterSeconds ? { retry_after: error.retryAfterSeconds } : {};
      return sendError(conn, code, error.message, extra);
    }
    log.error({ err: error }, 'chat frame failed');
    sendError(conn, 'INTERNAL_ERROR', 'The frame could not be handled');
  }

  /** Heartbeat: terminate sockets that did not answer the last ping, end expired sessions, keep presence. */
  async function beat(): Promise<void> {
    const byToken = new Map<string, Conn[]>();
    const live: { userId: string; socketId: string }[] = [];
    for (const conn of conns) {
      if (!conn.open) continue;
      if (!conn.alive) {
        conn.open = false;
        conn.transport.terminate();
        continue;
      }
      conn.alive = false;
      conn.transport.ping();
      live.push({ userId: conn.actor.id, socketId: conn.id });
      byToken.set(conn.token, [...(byToken.get(conn.token) ?? []), conn]);
    }
    await presence.refresh(live, clock.now());
    for (const [token, holders] of byToken) {
      const ok = await identity.authenticate(token).then(
        () => true,
        () => false,
      );
      if (!ok) for (const conn of holders) shut(conn, CLOSE.sessionEnded, 'token expired or session revoked');
    }
  }

  let beating = false;
  const timer = setInterval(() => {
    if (beating) return;
    beating = true;
    beat()
      .catch((error: unknown) => log.warn({ err: error }, 'chat heartbeat failed'))
      .finally(() => (beating = false));
  }, settings.heartbeatMs);
  timer.unref();

  return {
    /** Registers an admitted socket: online, subscribed to its room, announced. */
    attach(transport: SocketTransport, input: { actor: Actor; token: string; roomId: string }): ChatConnection {
      const conn: Conn = {
        id: randomUUID(),
        ...input,
        username: 'unknown',
        transport,
        alive: true,
        open: true,
        queue: Promise.resolve(),
        lastTyping: 0,
        expiry: undefined,
      };
      conns.add(conn);
      expireAtTokenEnd(conn);
      const ready = (async () => {
        conn.username = await names.one(conn.actor.id);
        await join(conn);
      })();
      conn.queue = ready.catch((error: unknown) => {
        log.error({ err: error }, 'chat socket registration failed');
        shut(conn, 1011, 'registration failed');
      });
      return {
        id: conn.id,
        ready: conn.queue,
        receive(text) {
          conn.queue = conn.queue.then(() =>
            conn.open ? handle(conn, text).catch((e: unknown) => reportError(conn, e)) : undefined,
          );
        },
        pong() {
          conn.alive = true;
        },
        closed() {
          conn.open = false;
          clearTimeout(conn.expiry);
          if (!conns.delete(conn)) return;
          conn.queue = conn.queue
            .then(() => leave(conn))
            .catch((error: unknown) => log.warn({ err: error }, 'chat socket clean-up failed'));
        },
      };
    },

    /** Closes a removed member's sockets in the room, on every process. */
    evict(roomId: string, userId: string): void {
      publish(roomId, { t: 'evict', user_id: userId }).catch((error: unknown) =>
        log.warn({ err: error }, 'chat evict failed'),
      );
    },

    closeRoom(roomId: string): void {
      publish(roomId, { t: 'close' }).catch((error: unknown) => log.warn({ err: error }, 'chat close failed'));
    },

    presenceOf: (userId: string) => presence.get(userId, clock.now()),

    /** Sockets held by this process (metrics, benches). */
    size: () => conns.size,

    /** Shutdown: stops the heartbeat and closes every socket with 1001 (going away). */
    async close(): Promise<void> {
      clearInterval(timer);
      const pending = [...conns].map((conn) => {
        shut(conn, CLOSE.goingAway, 'server shutting down');
        return conn.queue;
      });
      await Promise.allSettled(pending);
    },
  };
}

/** 003's message frame, with the edit time and the reactions beside the documented fields. */
function messageFrame(message: ChatMessage): Record<string, unknown> {
  return {
    id: message.id,
    type: 'message',
    user_id: message.user_id,
    username: message.username,
    content: message.content,
    timestamp: message.created_at.toISOString(),
    reply_to: message.reply_to,
    edited_at: message.edited_at?.toISOString() ?? null,
    attachments: message.attachments,
  };
}

export type ChatHub = ReturnType<typeof createChatHub>;
