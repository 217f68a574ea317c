// The two ends of a media asset's life: ready or failed. Each move happens in the caller's
// transaction together with its event (files.media.ready / files.media.failed), and only from
// the statuses given, so an asset is reported ready or failed once.
import type { Updateable } from 'kysely';

import type { Clock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/index.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import type { MediaAssetRow, MediaAssetsTable, MediaStatus } from './files.tables.ts';
import { mediaRepo } from './media.repo.ts';

const factsOf = (row: MediaAssetRow) => ({
  asset_id: row.id,
  owner_id: row.owner_id,
  purpose: row.purpose,
  lesson_id: row.lesson_id,
  course_id: row.course_id,
});

export function createMediaStatus({ clock, events }: { clock: Clock; events: EventPublisher }) {
  return {
    /** Marks the asset ready with what processing found; undefined when it was not in `from`. */
    async ready(
      tx: Tx,
      id: string,
      from: MediaStatus[],
      changes: Updateable<MediaAssetsTable>,
    ): Promise<MediaAssetRow | undefined> {
      const now = clock.now();
      const row = await mediaRepo.transition(tx, id, from, {
        ...changes,
        status: 'ready',
        failure_reason: null,
        processed_at: now,
        updated_at: now,
      });
      if (row)
        await events.publish(tx, 'files.media.ready', {
          ...factsOf(row),
          content_type: row.content_type,
          duration_seconds: row.duration_seconds,
        });
      return row;
    },

    /** Marks the asset failed with a reason for its uploader; undefined when it was not in `from`. */
    async failed(tx: Tx, id: string, from: MediaStatus[], reason: string): Promise<MediaAssetRow | undefined> {
      const row = await mediaRepo.transition(tx, id, from, {
        status: 'failed',
        failure_reason: reason.slice(0, 500),
        updated_at: clock.now(),
      });
      if (row)
        await events.publish(tx, 'files.media.failed', { ...factsOf(row), reason: row.failure_reason ?? reason });
      return row;
    },
  };
}

export type MediaStatusChanges = ReturnType<typeof createMediaStatus>;
