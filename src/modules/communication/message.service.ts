// Messages: history for members, and the writes the WebSocket carries (send, edit, delete,
// react). Each write is stored first; the caller fans the returned frame out afterwards.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { attachmentNotFound, invalidMessage, messageNotFound, notYourMessage } from './communication.errors.ts';
import { canModerate } from './communication.policy.ts';
import type { FilesPort } from './communication.ports.ts';
import type { ChatAttachment, ChatMessage, MessagePage, MessageSlice, ReactionCount } from './communication.types.ts';
import { MAX_ATTACHMENTS, MAX_MESSAGE_CHARS } from './communication.types.ts';
import type { AttachmentRow, MessageRow } from './message.repo.ts';
import { messageRepo } from './message.repo.ts';
import { roomRepo } from './room.repo.ts';
import type { RoomService } from './room.service.ts';
import { isUuid } from './room.service.ts';
import type { UserNames } from './user-names.ts';

export interface MessageDeps {
  database: DatabaseHandle;
  clock: Clock;
  rooms: RoomService;
  names: UserNames;
  files: FilesPort;
}

const MAX_EMOJI_CHARS = 32;

export interface HistoryQuery {
  limit: number;
  offset: number;
  /** Only messages older than this message (cursor paging). */
  before?: string;
  /** Words that must each appear in the message. */
  q?: string;
}

export interface CursorQuery {
  limit: number;
  /** Messages older than this message id (the newest when neither cursor is given). */
  before?: string | undefined;
  /** Messages newer than this message id, oldest first. */
  after?: string | undefined;
  /** Words that must each appear in the message (search within the room). */
  q?: string | undefined;
}

const wordsOf = (q: string | undefined) => q?.split(/\s+/).filter(Boolean).slice(0, 10);

export function createMessageService({ database, clock, rooms, names, files }: MessageDeps) {
  const { db } = database;

  async function present(rows: MessageRow[]): Promise<ChatMessage[]> {
    const named = await names.lookup(rows.flatMap((row) => (row.user_id ? [row.user_id] : [])));
    const ids = rows.map((row) => row.id);
    const reactions = await messageRepo.reactions(db, ids);
    const attachments = await messageRepo.attachments(db, ids);
    return rows.map((row) => ({
      id: row.id,
      room_id: row.room_id,
      user_id: row.user_id,
      username: row.user_id ? (named.get(row.user_id) ?? 'unknown') : 'deleted user',
      content: row.content,
      reply_to: row.reply_to,
      created_at: row.created_at,
      edited_at: row.edited_at,
      reactions: countReactions(reactions.filter((r) => r.message_id === row.id)),
      attachments: attachments.filter((a) => a.message_id === row.id).map(toAttachment),
    }));
  }

  function cleanContent(content: unknown, allowEmpty = false): string {
    if (typeof content !== 'string') throw invalidMessage('content must be a string');
    const clean = content.trim();
    if (!clean && !allowEmpty) throw invalidMessage('content must not be empty');
    if (clean.length > MAX_MESSAGE_CHARS)
      throw invalidMessage(`content must be at most ${MAX_MESSAGE_CHARS} characters`);
    return clean;
  }

  /** The caller's own uploaded files, as the message will show them (a file they cannot attach is not found). */
  async function attachable(actor: Actor, input: unknown): Promise<Omit<AttachmentRow, 'message_id'>[]> {
    if (input === undefined || input === null) return [];
    if (!Array.isArray(input) || input.some((id) => typeof id !== 'string'))
      throw invalidMessage('attachments must be a list of file ids', 'attachments');
    const ids = [...new Set(input as string[])];
    if (ids.length > MAX_ATTACHMENTS) throw invalidMessage(`At most ${MAX_ATTACHMENTS} attachments`, 'attachments');
    const found = [];
    for (const id of ids) {
      const file = await files.getFileForActor(actor, id);
      found.push({
        file_id: file.id,
        name: file.original_name,
        content_type: file.content_type,
        size_bytes: file.size_bytes,
      });
    }
    return found;
  }

  /** The seq of a message of the room used as a cursor (deleted ones too: a client may hold one). */
  async function cursorSeq(roomId: string, messageId: string): Promise<number> {
    const row = isUuid(messageId) ? await messageRepo.find(db, messageId) : undefined;
    if (!row || row.room_id !== roomId) throw messageNotFound(messageId);
    return Number(row.seq);
  }

  /** A live (not deleted) message of the room. */
  async function inRoom(roomId: string, messageId: unknown): Promise<MessageRow> {
    const id = typeof messageId === 'string' ? messageId : '';
    const row = isUuid(id) ? await messageRepo.find(db, id) : undefined;
    if (!row || row.room_id !== roomId || row.deleted_at) throw messageNotFound(id);
    return row;
  }

  return {
    /** The newest messages after skipping `offset` (or older than `before`), oldest first in the page. */
    async history(actor: Actor, roomId: string, query: HistoryQuery): Promise<MessagePage> {
      await rooms.usable(actor, roomId);
      const beforeSeq = query.before ? (await inRoom(roomId, query.before)).seq : undefined;
      const words = wordsOf(query.q);
      const { rows, total } = await messageRepo.page(db, {
        roomId,
        limit: query.limit,
        offset: query.offset,
        ...(beforeSeq !== undefined ? { beforeSeq } : {}),
        ...(words ? { words } : {}),
      });
      const messages = await present(rows.reverse());
      return { messages, total, has_more: query.offset + rows.length < total };
    },

    /**
     * Cursor paging (native): the `limit` messages next to `before` or `after` (the newest
     * without either), oldest first, optionally only those containing every word of `q`.
     */
    async slice(actor: Actor, roomId: string, query: CursorQuery): Promise<MessageSlice> {
      await rooms.usable(actor, roomId);
      const beforeSeq = query.before !== undefined ? await cursorSeq(roomId, query.before) : undefined;
      const afterSeq = query.after !== undefined ? await cursorSeq(roomId, query.after) : undefined;
      const words = wordsOf(query.q);
      const rows = await messageRepo.slice(db, {
        roomId,
        limit: query.limit,
        ...(beforeSeq !== undefined ? { beforeSeq } : {}),
        ...(afterSeq !== undefined ? { afterSeq } : {}),
        ...(words ? { words } : {}),
      });
      const has_more = rows.length > query.limit;
      const page = rows.slice(0, query.limit);
      if (afterSeq === undefined) page.reverse();
      return { messages: await present(page), has_more };
    },

    /** A signed link to a file shared in the room, for the room's members; anything else is not found. */
    async attachmentUrl(actor: Actor, roomId: string, fileId: string): Promise<string> {
      await rooms.usable(actor, roomId);
      if (!isUuid(fileId) || !(await messageRepo.attachedInRoom(db, roomId, fileId))) throw attachmentNotFound(fileId);
      return files.signedFileUrl(fileId);
    },

    /** Stores a message of a member who was admitted to the room (the socket checked it). */
    async send(
      actor: Actor,
      roomId: string,
      input: { content: unknown; reply_to?: unknown; attachments?: unknown },
    ): Promise<ChatMessage> {
      const attached = await attachable(actor, input.attachments);
      const content = cleanContent(input.content ?? '', attached.length > 0);
      const replyTo = input.reply_to === null || input.reply_to === undefined ? null : input.reply_to;
      if (replyTo !== null) await inRoom(roomId, replyTo);
      const now = clock.now();
      const row = await database.transaction(async (tx) => {
        const inserted = await messageRepo.insert(tx, {
          room_id: roomId,
          user_id: actor.id,
          content,
          reply_to: replyTo as string | null,
          created_at: now,
        });
        await messageRepo.insertAttachments(tx, inserted.id, attached);
        await roomRepo.touch(tx, roomId, now);
        return inserted;
      });
      return { ...(await present([row]))[0]!, reactions: [] };
    },

    async edit(actor: Actor, roomId: string, input: { message_id: unknown; content: unknown }): Promise<ChatMessage> {
      const row = await inRoom(roomId, input.message_id);
      if (row.user_id !== actor.id) throw notYourMessage();
      const content = cleanContent(input.content);
      const now = clock.now();
      await messageRepo.update(db, row.id, { content, edited_at: now });
      return (await present([{ ...row, content, edited_at: now }]))[0]!;
    },

    /** The author, course-room staff and admins delete; the row stays (replies keep their link). */
    async remove(actor: Actor, roomId: string, input: { message_id: unknown }): Promise<{ id: string }> {
      const row = await inRoom(roomId, input.message_id);
      if (row.user_id !== actor.id) {
        const { standing } = await rooms.usable(actor, roomId);
        if (!canModerate(actor, standing)) throw notYourMessage();
      }
      await messageRepo.update(db, row.id, { deleted_at: clock.now() });
      return { id: row.id };
    },

    /** Adds or removes the caller's emoji; `changed` is false when nothing changed. */
    async react(
      actor: Actor,
      roomId: string,
      input: { message_id: unknown; emoji: unknown; action?: unknown },
    ): Promise<{ message_id: string; emoji: string; action: 'add' | 'remove'; changed: boolean }> {
      const row = await inRoom(roomId, input.message_id);
      const emoji = typeof input.emoji === 'string' ? input.emoji.trim() : '';
      if (!emoji || emoji.length > MAX_EMOJI_CHARS || /\s/.test(emoji)) {
        throw invalidMessage(`emoji must be 1 to ${MAX_EMOJI_CHARS} characters without spaces`, 'emoji');
      }
      const action = input.action === 'remove' ? 'remove' : 'add';
      const changed =
        action === 'add'
          ? await messageRepo.addReaction(db, row.id, actor.id, emoji, clock.now())
          : await messageRepo.removeReaction(db, row.id, actor.id, emoji);
      return { message_id: row.id, emoji, action, changed };
    },
  };
}

const toAttachment = (row: AttachmentRow): ChatAttachment => ({
  file_id: row.file_id,
  name: row.name,
  content_type: row.content_type,
  size_bytes: Number(row.size_bytes),
});

function countReactions(rows: { user_id: string; emoji: string }[]): ReactionCount[] {
  const byEmoji = new Map<string, string[]>();
  for (const row of rows) byEmoji.set(row.emoji, [...(byEmoji.get(row.emoji) ?? []), row.user_id]);
  return [...byEmoji].map(([emoji, user_ids]) => ({ emoji, count: user_ids.length, user_ids }));
}

export type MessageService = ReturnType<typeof createMessageService>;
