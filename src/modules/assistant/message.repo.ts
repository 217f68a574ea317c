// Every SQL statement about assistant messages.
import './assistant.tables.ts';

import type { Insertable } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { AssistantMessagesTable } from './assistant.tables.ts';
import type { AssistantMessage } from './assistant.types.ts';

const COLUMNS = ['id', 'session_id', 'role', 'content', 'provider', 'model', 'course_ids', 'created_at'] as const;

export type NewMessage = Omit<Insertable<AssistantMessagesTable>, 'id' | 'seq'>;

export const messageRepo = {
  insert(db: Executor, message: NewMessage): Promise<AssistantMessage> {
    return db.insertInto('assistant_messages').values(message).returning(COLUMNS).executeTakeFirstOrThrow();
  },

  /** The position of a message in its session, or undefined when it is not one of the session's. */
  async seqOf(db: Executor, sessionId: string, messageId: string): Promise<number | undefined> {
    const row = await db
      .selectFrom('assistant_messages')
      .select('seq')
      .where('id', '=', messageId)
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return row ? Number(row.seq) : undefined;
  },

  /** The `limit` most recent messages (before `beforeSeq`), newest first. */
  latest(db: Executor, sessionId: string, limit: number, beforeSeq?: number): Promise<AssistantMessage[]> {
    let query = db
      .selectFrom('assistant_messages')
      .select(COLUMNS)
      .where('session_id', '=', sessionId)
      .orderBy('seq', 'desc')
      .limit(limit);
    if (beforeSeq !== undefined) query = query.where('seq', '<', beforeSeq);
    return query.execute();
  },

  /**
   * When the user's `nth` most recent question since `since` was sent, or null when there are
   * fewer: walks at most `nth` index entries, however many questions the user has ever sent.
   */
  async nthRecentQuestionAt(db: Executor, userId: string, since: Date, nth: number): Promise<Date | null> {
    const row = await db
      .selectFrom('assistant_messages')
      .select('created_at')
      .where('user_id', '=', userId)
      .where('role', '=', 'user')
      .where('created_at', '>', since)
      .orderBy('created_at', 'desc')
      .offset(nth - 1)
      .limit(1)
      .executeTakeFirst();
    return row ? new Date(row.created_at) : null;
  },
};
