// Every SQL statement about webhook endpoints and their delivery log.
import './webhooks.tables.ts';

import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type {
  WebhookDeliveriesTable,
  WebhookDeliveryRow,
  WebhookDeliveryStatus,
  WebhookEndpointRow,
  WebhookEndpointsTable,
} from './webhooks.tables.ts';

export const webhookRepo = {
  insertEndpoint(db: Executor, row: Insertable<WebhookEndpointsTable>): Promise<WebhookEndpointRow> {
    return db.insertInto('webhook_endpoints').values(row).returningAll().executeTakeFirstOrThrow();
  },

  findEndpoint(db: Executor, id: string): Promise<WebhookEndpointRow | undefined> {
    return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async listEndpoints(db: Executor, page: PageRequest): Promise<Paged<WebhookEndpointRow>> {
    const [items, count] = await Promise.all([
      db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      db
        .selectFrom('webhook_endpoints')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.total) };
  },

  updateEndpoint(
    db: Executor,
    id: string,
    changes: Updateable<WebhookEndpointsTable>,
  ): Promise<WebhookEndpointRow | undefined> {
    return db.updateTable('webhook_endpoints').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
  },

  async deleteEndpoint(db: Executor, id: string): Promise<boolean> {
    const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /** Enabled endpoints that asked for this event type. */
  subscribedTo(db: Executor, eventType: string): Promise<WebhookEndpointRow[]> {
    return db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('enabled', '=', true)
      .where(sql<boolean>`${eventType} = any(event_types)`)
      .execute();
  },

  /**
   * SQL without parameters, true when an enabled endpoint asked for this event type: the event
   * bus enqueues the webhooks subscriber's job for an event only then.
   */
  wantsEventSql(db: Executor, eventType: string): string {
    return sql`exists (select 1 from webhook_endpoints where enabled and ${sql.lit(eventType)} = any(event_types))`.compile(
      db,
    ).sql;
  },

  insertDelivery(db: Executor, row: Insertable<WebhookDeliveriesTable>): Promise<WebhookDeliveryRow> {
    return db.insertInto('webhook_deliveries').values(row).returningAll().executeTakeFirstOrThrow();
  },

  findDelivery(db: Executor, id: string): Promise<WebhookDeliveryRow | undefined> {
    return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async listDeliveries(
    db: Executor,
    endpointId: string,
    status: WebhookDeliveryStatus | undefined,
    page: PageRequest,
  ): Promise<Paged<WebhookDeliveryRow>> {
    let query = db.selectFrom('webhook_deliveries').where('endpoint_id', '=', endpointId);
    if (status) query = query.where('status', '=', status);
    const [items, count] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.total) };
  },

  /** Counts an attempt of a pending delivery before it is sent; undefined when it is no longer pending. */
  startAttempt(db: Executor, id: string, now: Date): Promise<WebhookDeliveryRow | undefined> {
    return db
      .updateTable('webhook_deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: now }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
  },

  /** Records an attempt's answer; `status` moves the delivery to its final state. */
  async recordAttempt(
    db: Executor,
    id: string,
    outcome: { status: WebhookDeliveryStatus; responseStatus: number | null; error: string | null; now: Date },
  ): Promise<void> {
    await db
      .updateTable('webhook_deliveries')
      .set({
        status: outcome.status,
        response_status: outcome.responseStatus,
        last_error: outcome.error?.slice(0, 1000) ?? null,
        ...(outcome.status === 'succeeded' ? { delivered_at: outcome.now } : {}),
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  },

  async resetFailures(db: Executor, endpointId: string): Promise<void> {
    await db
      .updateTable('webhook_endpoints')
      .set({ consecutive_failures: 0 })
      .where('id', '=', endpointId)
      .where('consecutive_failures', '>', 0)
      .execute();
  },

  /** One more failed delivery in a row; disables the endpoint when it reaches `limit`. */
  async countFailure(
    db: Executor,
    endpointId: string,
    limit: number,
    now: Date,
  ): Promise<WebhookEndpointRow | undefined> {
    return db
      .updateTable('webhook_endpoints')
      .set((eb) => ({
        consecutive_failures: eb('consecutive_failures', '+', 1),
        enabled: sql<boolean>`case when consecutive_failures + 1 >= ${limit} then false else enabled end`,
        disabled_reason: sql<
          string | null
        >`case when enabled and consecutive_failures + 1 >= ${limit} then ${`disabled after ${limit} failed deliveries in a row`} else disabled_reason end`,
        updated_at: now,
      }))
      .where('id', '=', endpointId)
      .returningAll()
      .executeTakeFirst();
  },
};
