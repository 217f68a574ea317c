// The rollup job's work: recompute the days that received events since the last run, one day per
// transaction, from that day's raw events only. A late event for an old day marks that day again,
// so rollups stay exact without ever rescanning the whole store.
import type { FastifyBaseLogger } from 'fastify';

import type { DatabaseHandle } from '../../platform/db/index.ts';
import { rollupRepo } from './rollup.repo.ts';
import { statsRepo } from './stats.repo.ts';

const DAYS_PER_RUN = 62;

export function createRollupService(deps: { database: DatabaseHandle; log: Pick<FastifyBaseLogger, 'info'> }) {
  const { database, log } = deps;
  return {
    /** Rebuilds every marked day; returns the days rebuilt. */
    async run(): Promise<string[]> {
      const rebuilt: string[] = [];
      for (;;) {
        const days = await database.transaction(async (tx) => {
          const taken = await rollupRepo.takeDirtyDays(tx, DAYS_PER_RUN);
          for (const day of taken) {
            await rollupRepo.rebuildDay(tx, day);
            await statsRepo.rebuildDay(tx, day, new Date(`${day}T00:00:00Z`), new Date(`${day}T24:00:00Z`));
          }
          return taken;
        });
        rebuilt.push(...days);
        if (days.length < DAYS_PER_RUN) break;
      }
      if (rebuilt.length > 0) log.info({ days: rebuilt.length }, 'analytics rollups rebuilt');
      return rebuilt;
    },
  };
}
