// Every SQL statement about service API keys (stored as hashes).
import './notifications.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import type { ApiKeyRow } from './notifications.tables.ts';

const PUBLIC_COLUMNS = [
  'id',
  'name',
  'prefix',
  'scopes',
  'created_by',
  'created_at',
  'last_used_at',
  'revoked_at',
] as const;

export const apiKeyRepo = {
  insert(
    db: Executor,
    row: { name: string; prefix: string; key_hash: string; scopes: string[]; created_by: string; created_at: Date },
  ) {
    return db.insertInto('notification_api_keys').values(row).returning(PUBLIC_COLUMNS).executeTakeFirstOrThrow();
  },

  findLiveByHash(db: Executor, hash: string): Promise<Pick<ApiKeyRow, (typeof PUBLIC_COLUMNS)[number]> | undefined> {
    return db
      .selectFrom('notification_api_keys')
      .select(PUBLIC_COLUMNS)
      .where('key_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  },

  async touch(db: Executor, id: string, now: Date): Promise<void> {
    await db.updateTable('notification_api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
  },

  async list(db: Executor, page: { limit: number; offset: number }) {
    const [items, count] = await Promise.all([
      db
        .selectFrom('notification_api_keys')
        .select(PUBLIC_COLUMNS)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      db
        .selectFrom('notification_api_keys')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.total) };
  },

  revoke(db: Executor, id: string, now: Date) {
    return db
      .updateTable('notification_api_keys')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
      .where('id', '=', id)
      .returning(PUBLIC_COLUMNS)
      .executeTakeFirst();
  },
};
