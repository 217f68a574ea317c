// Every SQL statement about uploaded files.
import './files.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { FileRow } from './files.tables.ts';

export const fileRepo = {
  insert(db: Executor, row: Omit<FileRow, 'id' | 'created_at'> & { created_at: Date }): Promise<FileRow> {
    return db.insertInto('files').values(row).returningAll().executeTakeFirstOrThrow();
  },

  findById(db: Executor, id: string): Promise<FileRow | undefined> {
    return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async listByOwner(db: Executor, ownerId: string, page: PageRequest): Promise<Paged<FileRow>> {
    const [items, count] = await Promise.all([
      db
        .selectFrom('files')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      db
        .selectFrom('files')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .where('owner_id', '=', ownerId)
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.total) };
  },

  async delete(db: Executor, id: string): Promise<boolean> {
    const result = await db.deleteFrom('files').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};
