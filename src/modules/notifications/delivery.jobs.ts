// The delivery job: one notification, sent once. The attempt is counted before the send and the
// outcome recorded after it; recording the outcome is itself retried until the database answers
// again, so a database restart during delivery never makes a retried job send a second time (a
// retried job finds `sent` and stops). Counting the attempt waits out an outage too: a job that
// failed while the database was away could not report its failure either, and would sit `active`
// until the queue's expiry (minutes) before anyone sent its mail. Only a crash of the process between the send and that
// record can repeat a send; the mail's Message-ID (the notification id) lets receivers spot it.
import type { FastifyBaseLogger } from 'fastify';

import type { Clock } from '../../platform/clock.ts';
import { isDatabaseUnavailable } from '../../platform/db/errors.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { MailTransport } from '../../platform/mail/index.ts';
import type { OutboxStore } from '../../platform/outbox/index.ts';
import type { Queue } from '../../platform/queue/index.ts';
import type { SmsTransport } from '../../platform/sms/index.ts';
import { notificationRepo } from './notification.repo.ts';
import type { NotificationRow } from './notifications.tables.ts';
import { PermanentDeliveryError } from './push.errors.ts';
import type { PushSender } from './push.sender.ts';
import type { UnsubscribeTokens } from './unsubscribe.ts';

export const DELIVER_JOB = 'notifications.deliver';
/** Attempts before a notification is `failed` (pg-boss retries with exponential backoff between them). */
export const MAX_ATTEMPTS = 5;
/** How long a sent notification keeps trying to record its outcome while the database is away. */
const RECORD_OUTCOME_FOR_MS = 10 * 60 * 1000;
/** How long counting an attempt waits for the database (well inside the job's 5-minute expiry). */
const START_ATTEMPT_FOR_MS = 2 * 60 * 1000;

export interface DeliveryDeps {
  database: DatabaseHandle;
  clock: Clock;
  queue: Queue;
  mail: MailTransport;
  sms: SmsTransport;
  outbox: OutboxStore;
  /** Web Push when VAPID keys are set; without them push goes to the dev outbox. */
  push?: PushSender | undefined;
  unsubscribe: UnsubscribeTokens;
  /** Where one-click unsubscribe links point (`<publicUrl>/api/v1/notifications/unsubscribe`). */
  unsubscribeUrl: string;
  messageIdDomain: string;
  log: FastifyBaseLogger;
}

export function defineDeliveryJob(deps: DeliveryDeps): void {
  const { database, clock, queue, log } = deps;

  queue.define<{ id: string }>({
    name: DELIVER_JOB,
    // More than MAX_ATTEMPTS: a job that could not even count its attempt (database away) retries too.
    retryLimit: MAX_ATTEMPTS + 5,
    retryDelaySeconds: 2,
    // Sends wait on SMTP/HTTP, not on the database: work on several small batches at once.
    batchSize: 4,
    concurrency: 8,
    async handle({ id }) {
      const row = await untilDatabaseAnswers(
        () => notificationRepo.startAttempt(database.db, id),
        START_ATTEMPT_FOR_MS,
        log,
        id,
      );
      if (!row) return; // sent, failed or suppressed already: a redelivered job does nothing
      try {
        await send(deps, row);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const final = row.attempts >= MAX_ATTEMPTS || error instanceof PermanentDeliveryError;
        await notificationRepo.markFailed(database.db, id, message, final);
        if (final) return;
        throw error;
      }
      await recordOutcome(() => notificationRepo.markSent(database.db, id, clock.now()), log, id);
    },
  });
}

async function send(deps: DeliveryDeps, row: NotificationRow): Promise<void> {
  if (row.channel === 'email') {
    const headers: Record<string, string> = {};
    if (row.category === 'marketing' && row.user_id) {
      const token = deps.unsubscribe.sign({ userId: row.user_id, channel: 'email', category: 'marketing' });
      headers['List-Unsubscribe'] = `<${deps.unsubscribeUrl}?token=${token}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    await deps.mail.deliver({
      to: row.recipient,
      subject: row.subject ?? '',
      text: row.body_text,
      ...(row.body_html ? { html: row.body_html } : {}),
      messageId: `<${row.id}@${deps.messageIdDomain}>`,
      headers,
    });
  } else if (row.channel === 'sms') {
    await deps.sms.deliver({ to: row.recipient, body: row.body_text });
  } else if (deps.push) {
    await deps.push.deliver(row);
  } else {
    await deps.outbox.add({
      channel: 'push',
      recipient: row.recipient,
      subject: row.subject,
      body_text: row.body_text,
      body_html: null,
    });
  }
}

/** Runs `step`, waiting out a database outage (only that) for up to `forMs`. */
async function untilDatabaseAnswers<T>(
  step: () => Promise<T>,
  forMs: number,
  log: FastifyBaseLogger,
  id: string,
): Promise<T> {
  const deadline = Date.now() + forMs;
  let wait = 100;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() > deadline) throw error;
      log.warn({ err: error, notification: id }, 'database unavailable before a delivery; waiting');
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 2_000);
    }
  }
}

/** Retries writing the outcome with backoff: the send happened, so it must not be lost. */
async function recordOutcome(write: () => Promise<void>, log: FastifyBaseLogger, id: string): Promise<void> {
  const deadline = Date.now() + RECORD_OUTCOME_FOR_MS;
  let wait = 100;
  for (;;) {
    try {
      await write();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      log.warn({ err: error, notification: id }, 'could not record a sent notification yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 2_000);
    }
  }
}
