// Every SQL statement about assistant sessions.
import './assistant.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { AssistantSession } from './assistant.types.ts';

const COLUMNS = ['id', 'user_id', 'title', 'message_count', 'last_message_at', 'created_at', 'updated_at'] as const;

export const sessionRepo = {
  insert(db: Executor, values: { user_id: string; title: string | null; now: Date }): Promise<AssistantSession> {
    return db
      .insertInto('assistant_sessions')
      .values({ user_id: values.user_id, title: values.title, created_at: values.now, updated_at: values.now })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
  },

  findById(db: Executor, id: string): Promise<AssistantSession | undefined> {
    return db.selectFrom('assistant_sessions').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  },

  /** Locks the session for the rest of the transaction (one question at a time is stored). */
  lock(db: Executor, id: string): Promise<AssistantSession | undefined> {
    return db.selectFrom('assistant_sessions').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** A user's sessions, the most recently active first. */
  async listByUser(db: Executor, userId: string, page: PageRequest): Promise<Paged<AssistantSession>> {
    const [items, count] = await Promise.all([
      db
        .selectFrom('assistant_sessions')
        .select(COLUMNS)
        .where('user_id', '=', userId)
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      db
        .selectFrom('assistant_sessions')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.total) };
  },

  /** Counts a new message; a session without a title takes `title`. */
  async touch(db: Executor, id: string, now: Date, title: string | null): Promise<void> {
    await db
      .updateTable('assistant_sessions')
      .set((eb) => ({
        message_count: eb('message_count', '+', 1),
        last_message_at: now,
        updated_at: now,
        ...(title ? { title: eb.fn.coalesce('title', eb.val(title)) } : {}),
      }))
      .where('id', '=', id)
      .execute();
  },

  async rename(db: Executor, id: string, title: string | null, now: Date): Promise<AssistantSession | undefined> {
    return db
      .updateTable('assistant_sessions')
      .set({ title, updated_at: now })
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst();
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('assistant_sessions').where('id', '=', id).execute();
  },

  async deleteAllOfUser(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('assistant_sessions').where('user_id', '=', userId).execute();
  },
};
