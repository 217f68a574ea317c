// Every SQL statement about Web Push subscriptions and per-device delivery outcomes.
import './push.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { PushSubscriptionRow } from './push.tables.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NewPushSubscription {
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  device_name: string | null;
  expires_at: Date | null;
  created_at: Date;
}

export const pushSubscriptionRepo = {
  /**
   * Registers a device, or renews it when the endpoint is known: a browser keeps its endpoint
   * across sign-ins, so the endpoint follows whoever registered it last. `created` tells which.
   */
  async upsert(db: Executor, row: NewPushSubscription): Promise<{ row: PushSubscriptionRow; created: boolean }> {
    const result = await db
      .insertInto('push_subscriptions')
      .values(row)
      .onConflict((oc) =>
        oc.column('endpoint').doUpdateSet({
          user_id: row.user_id,
          p256dh: row.p256dh,
          auth: row.auth,
          device_name: row.device_name,
          expires_at: row.expires_at,
        }),
      )
      .returningAll()
      .returning(sql<string>`xmax::text`.as('xmax'))
      .executeTakeFirstOrThrow();
    const { xmax, ...stored } = result as PushSubscriptionRow & { xmax: string };
    // xmax is 0 for a freshly inserted row and the updating transaction's id for an update.
    return { row: stored, created: xmax === '0' };
  },

  async ownerOf(db: Executor, id: string): Promise<string | undefined> {
    const row = await db.selectFrom('push_subscriptions').select('user_id').where('id', '=', id).executeTakeFirst();
    return row?.user_id;
  },

  countForUser(db: Executor, userId: string): Promise<number> {
    return db
      .selectFrom('push_subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },

  async listForUser(db: Executor, userId: string, page: PageRequest): Promise<Paged<PushSubscriptionRow>> {
    const query = db.selectFrom('push_subscriptions').where('user_id', '=', userId);
    const [items, count] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.total) };
  },

  /** Removes a user's own subscription; false when there is none of theirs with this id. */
  async deleteOwn(db: Executor, userId: string, id: string): Promise<boolean> {
    const result = await db
      .deleteFrom('push_subscriptions')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
  },

  /** The devices a push notification goes to that have not received it yet (recipient: a user id or one subscription id). */
  async pendingFor(db: Executor, notificationId: string, recipient: string): Promise<PushSubscriptionRow[]> {
    if (!UUID.test(recipient)) return []; // a device token of another push system: nothing registered here
    return db
      .selectFrom('push_subscriptions as s')
      .selectAll('s')
      .where((eb) => eb.or([eb('s.user_id', '=', recipient), eb('s.id', '=', recipient)]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('push_deliveries as d')
              .select('d.subscription_id')
              .whereRef('d.subscription_id', '=', 's.id')
              .where('d.notification_id', '=', notificationId),
          ),
        ),
      )
      .orderBy('s.created_at')
      .execute();
  },

  /** How many devices got the notification (or turned out to be gone). */
  countDelivered(db: Executor, notificationId: string): Promise<{ sent: number; gone: number }> {
    return db
      .selectFrom('push_deliveries')
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere('outcome', '=', 'sent').as('sent'),
        eb.fn.countAll<number>().filterWhere('outcome', '=', 'gone').as('gone'),
      ])
      .where('notification_id', '=', notificationId)
      .executeTakeFirstOrThrow()
      .then((r) => ({ sent: Number(r.sent), gone: Number(r.gone) }));
  },

  async recordDelivery(
    db: Executor,
    notificationId: string,
    subscriptionId: string,
    outcome: 'sent' | 'gone',
    statusCode: number | null,
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('push_deliveries')
      .values({
        notification_id: notificationId,
        subscription_id: subscriptionId,
        outcome,
        status_code: statusCode,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['notification_id', 'subscription_id']).doNothing())
      .execute();
    if (outcome === 'sent')
      await db.updateTable('push_subscriptions').set({ last_used_at: now }).where('id', '=', subscriptionId).execute();
  },
};
