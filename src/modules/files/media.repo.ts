// Every SQL statement about media assets.
import './files.tables.ts';

import type { Insertable, Updateable } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { MediaAssetRow, MediaAssetsTable } from './files.tables.ts';

export const mediaRepo = {
  insert(db: Executor, row: Insertable<MediaAssetsTable>): Promise<MediaAssetRow> {
    return db.insertInto('media_assets').values(row).returningAll().executeTakeFirstOrThrow();
  },

  findById(db: Executor, id: string): Promise<MediaAssetRow | undefined> {
    return db.selectFrom('media_assets').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByUploadId(db: Executor, uploadId: string): Promise<MediaAssetRow | undefined> {
    return db.selectFrom('media_assets').selectAll().where('upload_id', '=', uploadId).executeTakeFirst();
  },

  findByVimeoId(db: Executor, vimeoId: string): Promise<MediaAssetRow | undefined> {
    return db.selectFrom('media_assets').selectAll().where('vimeo_id', '=', vimeoId).executeTakeFirst();
  },

  async updateMetadata(
    db: Executor,
    id: string,
    changes: Pick<Updateable<MediaAssetsTable>, 'original_name' | 'description' | 'privacy'>,
    now: Date,
  ): Promise<MediaAssetRow> {
    return db
      .updateTable('media_assets')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  findByStorageKey(db: Executor, key: string): Promise<MediaAssetRow | undefined> {
    return db.selectFrom('media_assets').selectAll().where('storage_key', '=', key).executeTakeFirst();
  },

  /** The assets of several lessons, each lesson's in upload order. */
  listForLessons(db: Executor, lessonIds: readonly string[]): Promise<MediaAssetRow[]> {
    if (lessonIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('media_assets')
      .selectAll()
      .where('lesson_id', 'in', lessonIds)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },

  /** Presigned uploads still awaited whose link closed no earlier than `since`, oldest first. */
  listAwaitingUpload(db: Executor, since: Date, limit: number): Promise<Pick<MediaAssetRow, 'id'>[]> {
    return db
      .selectFrom('media_assets')
      .select('id')
      .where('status', '=', 'uploading')
      .where('provider', '=', 'storage')
      .where('upload_expires_at', '>=', since)
      .orderBy('upload_expires_at')
      .limit(limit)
      .execute();
  },

  listForLesson(db: Executor, lessonId: string): Promise<MediaAssetRow[]> {
    return db
      .selectFrom('media_assets')
      .selectAll()
      .where('lesson_id', '=', lessonId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },

  /** Moves an asset from one status to another; undefined when it was not in `from`. */
  transition(
    db: Executor,
    id: string,
    from: MediaAssetRow['status'][],
    changes: Updateable<MediaAssetsTable>,
  ): Promise<MediaAssetRow | undefined> {
    return db
      .updateTable('media_assets')
      .set(changes)
      .where('id', '=', id)
      .where('status', 'in', from)
      .returningAll()
      .executeTakeFirst();
  },

  async countAttempt(db: Executor, id: string): Promise<number> {
    const row = await db
      .updateTable('media_assets')
      .set((eb) => ({ processing_attempts: eb('processing_attempts', '+', 1) }))
      .where('id', '=', id)
      .returning('processing_attempts')
      .executeTakeFirst();
    return row?.processing_attempts ?? 0;
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('media_assets').where('id', '=', id).execute();
  },

  async avatarOwner(db: Executor, assetId: string): Promise<MediaAssetRow | undefined> {
    return db
      .selectFrom('media_assets')
      .selectAll()
      .where('id', '=', assetId)
      .where('purpose', '=', 'avatar')
      .where('status', '=', 'ready')
      .executeTakeFirst();
  },
};
