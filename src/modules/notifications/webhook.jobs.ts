// The webhook delivery job: one POST per attempt, signed per Standard Webhooks with a fresh
// timestamp and the same `webhook-id`, retried with exponential backoff until the receiver
// answers 2xx or the attempts run out. Each attempt's answer goes to the delivery log; a
// delivery that fails for good counts against its endpoint, which is disabled after too many
// failures in a row (a success resets the count). Redirects are not followed: a 3xx is a failure,
// so a receiver cannot bounce Lectern to another address.
import type { FastifyBaseLogger } from 'fastify';

import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { Queue } from '../../platform/queue/index.ts';
import { webhookRepo } from './webhook.repo.ts';
import type { SecretBox } from './webhook-signing.ts';
import { signWebhook } from './webhook-signing.ts';
import { WEBHOOK_DELIVER_JOB } from './webhooks.constants.ts';
import type { WebhookDeliveryRow, WebhookEndpointRow } from './webhooks.tables.ts';

export interface WebhookSettings {
  maxAttempts: number;
  retryDelaySeconds: number;
  disableAfterFailures: number;
}

const REQUEST_TIMEOUT_MS = 10_000;

export function defineWebhookJob(deps: {
  database: DatabaseHandle;
  clock: Clock;
  queue: Queue;
  secrets: SecretBox;
  settings: WebhookSettings;
  appName: string;
  log: FastifyBaseLogger;
}): void {
  const { database, clock, queue, secrets, settings, log } = deps;

  queue.define<{ id: string }>({
    name: WEBHOOK_DELIVER_JOB,
    // A few more than the attempts: a run that fails before counting (database away) retries too.
    retryLimit: settings.maxAttempts + 2,
    retryDelaySeconds: settings.retryDelaySeconds,
    // A slow receiver must not hold up the others.
    batchSize: 4,
    concurrency: 8,
    async handle({ id }) {
      const delivery = await webhookRepo.startAttempt(database.db, id, clock.now());
      if (!delivery) return; // delivered, failed, or its endpoint was deleted
      const endpoint = await webhookRepo.findEndpoint(database.db, delivery.endpoint_id);
      if (!endpoint) return;
      if (!endpoint.enabled) {
        await finish(delivery, { status: 'failed', responseStatus: null, error: 'the endpoint is disabled' });
        return;
      }
      const answer = await post(endpoint, delivery);
      if (answer.ok) {
        await finish(delivery, { status: 'succeeded', responseStatus: answer.status, error: null });
        await webhookRepo.resetFailures(database.db, endpoint.id);
        return;
      }
      const final = delivery.attempts >= settings.maxAttempts;
      await finish(delivery, {
        status: final ? 'failed' : 'pending',
        responseStatus: answer.status,
        error: answer.error,
      });
      if (!final) throw new Error(`webhook ${delivery.id}: ${answer.error}`);
      const updated = await webhookRepo.countFailure(
        database.db,
        endpoint.id,
        settings.disableAfterFailures,
        clock.now(),
      );
      if (updated && !updated.enabled && endpoint.enabled)
        log.warn({ endpoint: endpoint.id, failures: updated.consecutive_failures }, 'webhook endpoint disabled');
    },
  });

  function finish(
    delivery: WebhookDeliveryRow,
    outcome: { status: 'pending' | 'succeeded' | 'failed'; responseStatus: number | null; error: string | null },
  ) {
    return webhookRepo.recordAttempt(database.db, delivery.id, { ...outcome, now: clock.now() });
  }

  async function post(
    endpoint: WebhookEndpointRow,
    delivery: WebhookDeliveryRow,
  ): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    const headers = signWebhook(secrets.open(endpoint.secret_encrypted), delivery.message_id, timestamp, body);
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': `${deps.appName}-Webhooks/1`, ...headers },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.body?.cancel(); // the answer's body is not needed
      if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, error: null };
      return { ok: false, status: response.status, error: `the receiver answered ${response.status}` };
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause;
      return { ok: false, status: null, error: `request failed: ${cause?.message ?? (error as Error).message}` };
    }
  }
}
