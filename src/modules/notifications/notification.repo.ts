// Every SQL statement about notifications (rows, delivery outcome, the in-app feed).
import './notifications.tables.ts';

import type { Insertable } from 'kysely';
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { NotificationRow, NotificationsTable } from './notifications.tables.ts';
import type { NotificationFilter, SenderKind } from './notifications.types.ts';

type NewNotification = Insertable<NotificationsTable>;

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export const notificationRepo = {
  findById(db: Executor, id: string): Promise<NotificationRow | undefined> {
    return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /**
   * Inserts unless the sender already used this idempotency key: then nothing is written and
   * undefined comes back (a concurrent insert with the same key waits for the first to commit).
   */
  insert(db: Executor, row: NewNotification): Promise<NotificationRow | undefined> {
    return db
      .insertInto('notifications')
      .values(row)
      .onConflict((oc) =>
        oc
          .expression(sql`sender_kind, coalesce(sender_id, ${NIL_UUID}::uuid), idempotency_key`)
          .where('idempotency_key', 'is not', null)
          .doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
  },

  findByIdempotencyKey(db: Executor, kind: SenderKind, senderId: string | null, key: string) {
    return db
      .selectFrom('notifications')
      .selectAll()
      .where('sender_kind', '=', kind)
      .where(sql<string>`coalesce(sender_id, ${NIL_UUID}::uuid)`, '=', senderId ?? NIL_UUID)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  },

  /** Frees a key whose 24 h window is over, so it may be used again. */
  async releaseKey(db: Executor, id: string): Promise<void> {
    await db.updateTable('notifications').set({ idempotency_key: null }).where('id', '=', id).execute();
  },

  /** Counts an attempt before the send, so a crash mid-send still shows it. */
  async startAttempt(db: Executor, id: string): Promise<NotificationRow | undefined> {
    return db
      .updateTable('notifications')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
  },

  async markSent(db: Executor, id: string, now: Date): Promise<void> {
    await db
      .updateTable('notifications')
      .set({
        status: 'sent',
        sent_at: now,
        last_error: null,
        // A sent one-time link is of no further use to anyone: it is not kept.
        body_text: sql<string>`case when confidential then '' else body_text end`,
        body_html: sql<string | null>`case when confidential then null else body_html end`,
        data: sql<string>`case when confidential then '{}'::jsonb else data end`,
      })
      .where('id', '=', id)
      .execute();
  },

  async markFailed(db: Executor, id: string, error: string, final: boolean): Promise<void> {
    await db
      .updateTable('notifications')
      .set({ last_error: error.slice(0, 1000), ...(final ? { status: 'failed' as const } : {}) })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .execute();
  },

  async list(db: Executor, filter: NotificationFilter, page: PageRequest): Promise<Paged<NotificationRow>> {
    let query = db.selectFrom('notifications');
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.channel) query = query.where('channel', '=', filter.channel);
    if (filter.template) query = query.where('template', '=', filter.template);
    if (filter.recipient)
      query = query.where((eb) => eb(eb.fn('lower', ['recipient']), '=', filter.recipient!.toLowerCase()));
    const [items, count] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.total) };
  },

  /** A user's feed: what was addressed to them and not suppressed. */
  async listForUser(
    db: Executor,
    userId: string,
    options: { unreadOnly: boolean },
    page: PageRequest,
  ): Promise<Paged<NotificationRow>> {
    let query = db.selectFrom('notifications').where('user_id', '=', userId).where('status', '!=', 'suppressed');
    query = query.where('confidential', '=', false);
    if (options.unreadOnly) query = query.where('read_at', 'is', null);
    const [items, count] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.total) };
  },

  async unreadCount(db: Executor, userId: string): Promise<number> {
    const row = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('user_id', '=', userId)
      .where('status', '!=', 'suppressed')
      .where('confidential', '=', false)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.total);
  },

  markRead(db: Executor, userId: string, id: string, now: Date): Promise<NotificationRow | undefined> {
    return db
      .updateTable('notifications')
      .set((eb) => ({ read_at: eb.fn.coalesce('read_at', sql<Date>`${now}`) }))
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('status', '!=', 'suppressed')
      .where('confidential', '=', false)
      .returningAll()
      .executeTakeFirst();
  },

  async markAllRead(db: Executor, userId: string, now: Date): Promise<number> {
    const result = await db
      .updateTable('notifications')
      .set({ read_at: now })
      .where('user_id', '=', userId)
      .where('status', '!=', 'suppressed')
      .where('confidential', '=', false)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
};
