// The dev outbox: where mail, SMS and push land when no provider is configured, so a newcomer
// (and an admin) can read what Lectern would have sent.
import type { Generated, Selectable } from 'kysely';

import type { Db } from '../db/index.ts';

export type OutboxChannel = 'email' | 'sms' | 'push';

export interface OutboxMessagesTable {
  id: Generated<string>;
  channel: OutboxChannel;
  recipient: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  created_at: Generated<Date>;
}

export type OutboxMessage = Selectable<OutboxMessagesTable>;

declare module '../db/database.ts' {
  interface Database {
    outbox_messages: OutboxMessagesTable;
  }
}

export interface OutboxPage {
  items: OutboxMessage[];
  total: number;
}

export interface OutboxStore {
  add(message: Omit<OutboxMessage, 'id' | 'created_at'>): Promise<void>;
  list(filter: {
    channel?: OutboxChannel | undefined;
    recipient?: string | undefined;
    limit: number;
    offset: number;
  }): Promise<OutboxPage>;
}

export function createOutboxStore(db: Db): OutboxStore {
  return {
    async add(message) {
      await db.insertInto('outbox_messages').values(message).execute();
    },
    async list({ channel, recipient, limit, offset }) {
      let query = db.selectFrom('outbox_messages');
      if (channel) query = query.where('channel', '=', channel);
      if (recipient) query = query.where((eb) => eb(eb.fn('lower', ['recipient']), '=', recipient.toLowerCase()));
      const [items, count] = await Promise.all([
        query.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(count.total) };
    },
  };
}
