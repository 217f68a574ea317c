// Web Push delivery (RFC 8030 + VAPID RFC 8292, payload encrypted with aes128gcm, RFC 8291) by
// the `web-push` library. One notification goes to every device of its recipient; each device's
// outcome is recorded as it happens, so a retried job sends only to the devices still missing.
// A device whose push service answers 404/410 has unsubscribed: its subscription is removed.
import type { FastifyBaseLogger } from 'fastify';
import webpush from 'web-push';

import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { NotificationRow } from './notifications.tables.ts';
import { PermanentDeliveryError } from './push.errors.ts';
import type { PushSubscriptionRow } from './push.tables.ts';
import { pushSubscriptionRepo } from './push-subscription.repo.ts';

export interface VapidSettings {
  publicKey: string;
  privateKey: string;
  /** `mailto:` or an https URL where a push service can reach the operator. */
  subject: string;
}

export interface PushSender {
  deliver(row: NotificationRow): Promise<void>;
}

/** Push services keep a message this long for an offline device. */
const TTL_SECONDS = 24 * 60 * 60;
const REQUEST_TIMEOUT_MS = 15_000;
/** Push services accept 4096 bytes of encrypted payload; the body is cut well below that. */
const MAX_BODY_CHARS = 2_000;

export function createPushSender(deps: {
  database: DatabaseHandle;
  clock: Clock;
  vapid: VapidSettings;
  log: FastifyBaseLogger;
}): PushSender {
  const { database, clock, vapid, log } = deps;
  // Checks the keys and subject once, at start-up, instead of at the first send.
  webpush.getVapidHeaders('https://push.example', vapid.subject, vapid.publicKey, vapid.privateKey, 'aes128gcm');

  async function pushTo(device: PushSubscriptionRow, payload: string, row: NotificationRow): Promise<void> {
    try {
      const result = await webpush.sendNotification(
        { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
        payload,
        { vapidDetails: vapid, TTL: TTL_SECONDS, contentEncoding: 'aes128gcm', timeout: REQUEST_TIMEOUT_MS },
      );
      await pushSubscriptionRepo.recordDelivery(database.db, row.id, device.id, 'sent', result.statusCode, clock.now());
    } catch (error) {
      if (error instanceof webpush.WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
        await database.transaction(async (tx) => {
          await pushSubscriptionRepo.recordDelivery(tx, row.id, device.id, 'gone', error.statusCode, clock.now());
          await pushSubscriptionRepo.delete(tx, device.id);
        });
        log.info({ subscription: device.id, status: error.statusCode }, 'expired push subscription removed');
        return;
      }
      const status = error instanceof webpush.WebPushError ? ` (HTTP ${error.statusCode})` : '';
      throw new Error(`push to device ${device.id} failed${status}: ${(error as Error).message}`, { cause: error });
    }
  }

  return {
    async deliver(row) {
      const pending = await pushSubscriptionRepo.pendingFor(database.db, row.id, row.recipient);
      const payload = JSON.stringify({
        id: row.id,
        template: row.template,
        title: row.subject,
        body: row.body_text.slice(0, MAX_BODY_CHARS),
        created_at: row.created_at.toISOString(),
      });
      const results = await Promise.allSettled(pending.map((device) => pushTo(device, payload, row)));
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed.length > 0) throw new Error(failed.map((r) => (r.reason as Error).message).join('; '));
      const done = await pushSubscriptionRepo.countDelivered(database.db, row.id);
      if (done.sent === 0) {
        throw new PermanentDeliveryError(
          done.gone > 0
            ? 'every push subscription of the recipient has expired'
            : 'the recipient has no push subscription',
        );
      }
    },
  };
}
