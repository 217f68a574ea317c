// Web Push devices: each user registers, lists and removes their own push subscriptions (the
// browser's PushSubscription), and reads the VAPID public key the browser subscribes with.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import { invalidPushSubscription, pushSubscriptionNotFound, tooManyPushSubscriptions } from './push.errors.ts';
import type { PushSubscriptionRow } from './push.tables.ts';
import type { PushConfig, PushSubscription, RegisterPushInput } from './push.types.ts';
import { pushSubscriptionRepo } from './push-subscription.repo.ts';

/** Devices per user; a browser that re-subscribes keeps its row (same endpoint). */
export const MAX_PUSH_SUBSCRIPTIONS = 20;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

export function createPushService(deps: { database: DatabaseHandle; clock: Clock; vapidPublicKey: string | null }) {
  const { database, clock } = deps;

  return {
    config: (): PushConfig => ({ enabled: deps.vapidPublicKey !== null, vapid_public_key: deps.vapidPublicKey }),

    /** Registers (or renews) a device of the caller; `created` is false for a known endpoint. */
    async register(
      actor: Actor,
      input: RegisterPushInput,
    ): Promise<{ subscription: PushSubscription; created: boolean }> {
      const endpoint = checkEndpoint(input.endpoint);
      checkKey('keys.p256dh', input.keys.p256dh, 65, 'an uncompressed P-256 public key (65 bytes)');
      checkKey('keys.auth', input.keys.auth, 16, 'a 16-byte auth secret');
      return database.transaction(async (tx) => {
        const result = await pushSubscriptionRepo.upsert(tx, {
          user_id: actor.id,
          endpoint,
          p256dh: input.keys.p256dh,
          auth: input.keys.auth,
          device_name: input.device_name?.trim() || null,
          expires_at: input.expiration_time ? new Date(input.expiration_time) : null,
          created_at: clock.now(),
        });
        // Counted after the write, inside the transaction: a refused registration is rolled back.
        if (result.created && (await pushSubscriptionRepo.countForUser(tx, actor.id)) > MAX_PUSH_SUBSCRIPTIONS)
          throw tooManyPushSubscriptions(MAX_PUSH_SUBSCRIPTIONS);
        return { subscription: toPushSubscription(result.row), created: result.created };
      });
    },

    async list(actor: Actor, page: PageRequest): Promise<Paged<PushSubscription>> {
      const result = await pushSubscriptionRepo.listForUser(database.db, actor.id, page);
      return { items: result.items.map(toPushSubscription), total: result.total };
    },

    /** Another user's subscription answers 404, like one that does not exist. */
    async remove(actor: Actor, id: string): Promise<void> {
      if (!(await pushSubscriptionRepo.deleteOwn(database.db, actor.id, id))) throw pushSubscriptionNotFound(id);
    },
  };
}

export type PushService = ReturnType<typeof createPushService>;

/**
 * Push services are public HTTPS endpoints (FCM, Mozilla, Apple, Windows). Anything else is
 * refused, so a user cannot make Lectern post to a plain-HTTP or non-HTTP address.
 */
function checkEndpoint(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidPushSubscription('endpoint', 'endpoint must be an absolute https URL');
  }
  if (url.protocol !== 'https:') throw invalidPushSubscription('endpoint', 'endpoint must be an https URL');
  if (url.username || url.password) throw invalidPushSubscription('endpoint', 'endpoint must not carry credentials');
  return url.toString();
}

function checkKey(field: string, value: string, bytes: number, what: string): void {
  const decoded = BASE64URL.test(value) ? Buffer.from(value, 'base64url') : undefined;
  if (!decoded || decoded.length !== bytes || (bytes === 65 && decoded[0] !== 0x04))
    throw invalidPushSubscription(field, `${field} must be ${what}, base64url-encoded`);
}

function toPushSubscription(row: PushSubscriptionRow): PushSubscription {
  return {
    id: row.id,
    user_id: row.user_id,
    endpoint: row.endpoint,
    device_name: row.device_name,
    expires_at: row.expires_at,
    created_at: row.created_at,
    last_used_at: row.last_used_at,
  };
}
