// Users' channel preferences in 003's shape, with defaults for everyone who never chose: marketing
// is opt-in, everything else is on. Stored sparse, so a category added later follows its default.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Executor } from '../../platform/db/index.ts';
import type { Channel, Subscriptions, SubscriptionsPatch, SubscriptionsView } from './notifications.types.ts';
import { preferenceRepo } from './preference.repo.ts';

export const DEFAULT_SUBSCRIPTIONS: Subscriptions = {
  email: { marketing: false, product_updates: true, security_alerts: true, course_notifications: true },
  sms: { security_alerts: true, urgent_notifications: true },
  push: { chat_messages: true, course_reminders: true, system_notifications: true },
};

function withDefaults(stored: Record<string, Record<string, boolean>> | undefined): Subscriptions {
  const result = structuredClone(DEFAULT_SUBSCRIPTIONS) as unknown as Record<string, Record<string, boolean>>;
  for (const [channel, categories] of Object.entries(result)) {
    for (const category of Object.keys(categories)) {
      const value = stored?.[channel]?.[category];
      if (typeof value === 'boolean') categories[category] = value;
    }
  }
  return result as unknown as Subscriptions;
}

export function createSubscriptionService({ database, clock }: { database: DatabaseHandle; clock: Clock }) {
  async function read(userId: string, executor: Executor = database.db): Promise<SubscriptionsView> {
    const row = await preferenceRepo.find(executor, userId);
    return { subscriptions: withDefaults(row?.preferences), updated_at: row?.updated_at ?? null };
  }

  async function change(userId: string, patch: SubscriptionsPatch, executor: Executor = database.db) {
    // Only the document's keys are stored; the schema already refuses others.
    const clean: Record<string, Record<string, boolean>> = {};
    for (const [channel, categories] of Object.entries(DEFAULT_SUBSCRIPTIONS)) {
      const sent = patch[channel as Channel] as Record<string, boolean | undefined> | undefined;
      if (!sent) continue;
      for (const category of Object.keys(categories)) {
        const value = sent[category];
        if (typeof value === 'boolean') (clean[channel] ??= {})[category] = value;
      }
    }
    if (Object.keys(clean).length === 0) return read(userId, executor);
    const row = await preferenceRepo.merge(executor, userId, clean, clock.now());
    return { subscriptions: withDefaults(row.preferences), updated_at: row.updated_at };
  }

  return {
    read,
    change,
    get: (actor: Actor) => read(actor.id),
    /** Partial: channels and categories not sent keep their value. */
    update: (actor: Actor, patch: SubscriptionsPatch) => change(actor.id, patch),
    /** Whether a notification of this category may go to this user on this channel. */
    async allows(userId: string, channel: Channel, category: string, executor: Executor = database.db) {
      const { subscriptions } = await read(userId, executor);
      const value = (subscriptions[channel] as Record<string, boolean>)[category];
      return value !== false;
    },
  };
}

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;
