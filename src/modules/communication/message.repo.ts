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
      base = base.where('content', 'ilike', `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const [rows, count] = await Promise.all([
      base.select(COLUMNS).orderBy('seq', 'desc').limit(query.limit).offset(query.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.total) };
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
