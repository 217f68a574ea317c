// Keeps the event store's monthly partitions: the months an insert needs exist before it runs
// (remembered per process, so the check costs nothing after the first batch of a month), the
// scheduled job creates the next months ahead and drops those past the retention.
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Executor } from '../../platform/db/index.ts';
import { afterCommit } from '../../platform/db/index.ts';
import type { AnalyticsSettings } from './analytics.types.ts';
import type { Month } from './partition.repo.ts';
import { addMonths, monthOf, monthStart, partitionName, partitionRepo } from './partition.repo.ts';

export interface PartitionService {
  /** Makes sure every month of `timestamps` has its partition (inside `db`'s transaction when it is one). */
  ensureFor(db: Executor, timestamps: Iterable<string | Date>): Promise<void>;
  /** Creates the current and next months, drops months wholly past the retention. */
  maintain(): Promise<{ created: string[]; dropped: string[] }>;
}

export function createPartitionService(deps: {
  database: DatabaseHandle;
  clock: Clock;
  settings: AnalyticsSettings;
}): PartitionService {
  const { database, clock, settings } = deps;
  const known = new Set<string>();

  async function ensure(db: Executor, month: Month): Promise<boolean> {
    const name = partitionName(month);
    if (known.has(name)) return false;
    if (await partitionRepo.exists(db, month)) {
      afterCommit(() => known.add(name));
      return false;
    }
    try {
      await partitionRepo.create(db, month);
    } catch (error) {
      // Two processes creating the same month at once: the loser's error is harmless when the
      // partition is there now (outside a transaction; inside one, the handler is retried).
      if (!(await partitionRepo.exists(database.db, month))) throw error;
    }
    // Remembered once committed: a rolled-back transaction takes its partition with it.
    afterCommit(() => known.add(name));
    return true;
  }

  return {
    async ensureFor(db, timestamps) {
      const months = new Map<string, Month>();
      for (const ts of timestamps) {
        const month = monthOf(new Date(ts));
        months.set(partitionName(month), month);
      }
      for (const [name, month] of months) if (!known.has(name)) await ensure(db, month);
    },

    async maintain() {
      const current = monthOf(clock.now());
      const created: string[] = [];
      for (let n = 0; n <= settings.monthsAhead; n++) {
        const month = addMonths(current, n);
        known.delete(partitionName(month));
        if (await ensure(database.db, month)) created.push(partitionName(month));
      }
      const cutoff = clock.now().getTime() - settings.retentionDays * 86_400_000;
      const dropped: string[] = [];
      for (const month of await partitionRepo.list(database.db)) {
        if (monthStart(addMonths(month, 1)).getTime() > cutoff) continue;
        await partitionRepo.drop(database.db, month);
        known.delete(partitionName(month));
        dropped.push(partitionName(month));
      }
      return { created, dropped };
    },
  };
}
