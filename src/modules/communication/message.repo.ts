// Every SQL statement about chat messages and their reactions.
import './communication.tables.ts';

import type { Executor } from '../../platform/db/index.ts';

export interface MessageRow {
  id: string;
  seq: number;
  room_id: string;
  user_id: string | null;
  content: string;
  reply_to: string | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
}

const COLUMNS = [
  'id',
  'seq',
  'room_id',
  'user_id',
  'content',
  'reply_to',
  'created_at',
  'edited_at',
  'deleted_at',
] as const;

export interface MessageQuery {
  roomId: string;
  limit: number;
  offset: number;
  /** Only messages older than this one (its seq). */
  beforeSeq?: number;
  /** Words that must each appear in the content. */
  words?: string[];
}

export interface MessageCursor {
  roomId: string;
  limit: number;
  /** Older than this seq (newest first), or newer than `afterSeq` (oldest first); neither: the newest. */
  beforeSeq?: number;
  afterSeq?: number;
  words?: string[];
}

const likeAny = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface AttachmentRow {
  message_id: string;
  file_id: string;
  name: string;
  content_type: string;
  size_bytes: string | number;
}

export const messageRepo = {
  insert(
    db: Executor,
    values: { room_id: string; user_id: string; content: string; reply_to: string | null; created_at: Date },
  ): Promise<MessageRow> {
    return db.insertInto('chat_messages').values(values).returning(COLUMNS).executeTakeFirstOrThrow();
  },

  find(db: Executor, id: string): Promise<MessageRow | undefined> {
    return db.selectFrom('chat_messages').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  },

  /** The newest messages first (skipping `offset`), not deleted, with how many match in all. */
  async page(db: Executor, query: MessageQuery): Promise<{ rows: MessageRow[]; total: number }> {
    let base = db.selectFrom('chat_messages').where('room_id', '=', query.roomId).where('deleted_at', 'is', null);
    if (query.beforeSeq !== undefined) base = base.where('seq', '<', query.beforeSeq);
    for (const word of query.words ?? []) {
      base = base.where('content', 'ilike', likeAny(word));
    }
    const [rows, count] = await Promise.all([
      base.select(COLUMNS).orderBy('seq', 'desc').limit(query.limit).offset(query.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.total) };
  },

  /**
   * Up to `limit + 1` live messages next to the cursor, in the order paged (seq is unique, so
   * the order is stable); the extra row only tells the caller that more exist.
   */
  slice(db: Executor, query: MessageCursor): Promise<MessageRow[]> {
    let base = db.selectFrom('chat_messages').where('room_id', '=', query.roomId).where('deleted_at', 'is', null);
    if (query.beforeSeq !== undefined) base = base.where('seq', '<', query.beforeSeq);
    if (query.afterSeq !== undefined) base = base.where('seq', '>', query.afterSeq);
    for (const word of query.words ?? []) base = base.where('content', 'ilike', likeAny(word));
    return base
      .select(COLUMNS)
      .orderBy('seq', query.afterSeq !== undefined ? 'asc' : 'desc')
      .limit(query.limit + 1)
      .execute();
  },

  async insertAttachments(db: Executor, messageId: string, files: Omit<AttachmentRow, 'message_id'>[]): Promise<void> {
    if (files.length === 0) return;
    await db
      .insertInto('chat_attachments')
      .values(
        files.map((file, position) => ({
          message_id: messageId,
          file_id: file.file_id,
          position,
          name: file.name,
          content_type: file.content_type,
          size_bytes: Number(file.size_bytes),
        })),
      )
      .execute();
  },

  attachments(db: Executor, messageIds: string[]): Promise<AttachmentRow[]> {
    if (messageIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('chat_attachments')
      .select(['message_id', 'file_id', 'name', 'content_type', 'size_bytes'])
      .where('message_id', 'in', messageIds)
      .orderBy('message_id')
      .orderBy('position')
      .execute();
  },

  /** Whether the file is attached to a live message of the room. */
  async attachedInRoom(db: Executor, roomId: string, fileId: string): Promise<boolean> {
    const row = await db
      .selectFrom('chat_attachments')
      .innerJoin('chat_messages', 'chat_messages.id', 'chat_attachments.message_id')
      .select('chat_attachments.file_id')
      .where('chat_attachments.file_id', '=', fileId)
      .where('chat_messages.room_id', '=', roomId)
      .where('chat_messages.deleted_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  async update(
    db: Executor,
    id: string,
    values: { content?: string; edited_at?: Date; deleted_at?: Date },
  ): Promise<void> {
    await db.updateTable('chat_messages').set(values).where('id', '=', id).execute();
  },

  /** Reactions of these messages. */
  reactions(db: Executor, messageIds: string[]): Promise<{ message_id: string; user_id: string; emoji: string }[]> {
    if (messageIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('chat_reactions')
      .select(['message_id', 'user_id', 'emoji'])
      .where('message_id', 'in', messageIds)
      .orderBy('created_at')
      .orderBy('user_id')
      .execute();
  },

  /** True when the reaction is new. */
  async addReaction(db: Executor, messageId: string, userId: string, emoji: string, now: Date): Promise<boolean> {
    const row = await db
      .insertInto('chat_reactions')
      .values({ message_id: messageId, user_id: userId, emoji, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .returning('emoji')
      .executeTakeFirst();
    return row !== undefined;
  },

  async removeReaction(db: Executor, messageId: string, userId: string, emoji: string): Promise<boolean> {
    const result = await db
      .deleteFrom('chat_reactions')
      .where('message_id', '=', messageId)
      .where('user_id', '=', userId)
      .where('emoji', '=', emoji)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};
