// The analytics module's scheduled jobs: partitions made ahead and dropped past the retention
// (hourly, so a fresh install has this month's partition within the hour even before any
// ingest), the rollups of days that received events (every minute), and background exports.
import type { FastifyBaseLogger } from 'fastify';

import type { Queue } from '../../platform/queue/index.ts';
import { EXPORT_JOB } from './export-job.service.ts';
import type { PartitionService } from './partition.service.ts';

export const PARTITIONS_JOB = 'analytics.partitions';
export const ROLLUPS_JOB = 'analytics.rollups';

export function defineAnalyticsJobs(deps: {
  queue: Queue;
  partitions: PartitionService;
  rollups: { run(): Promise<string[]> };
  exportJobs: { run(id: string): Promise<void> };
  log: Pick<FastifyBaseLogger, 'info'>;
}): void {
  const { queue, partitions, rollups, exportJobs, log } = deps;
  queue.define<{ id: string }>({
    name: EXPORT_JOB,
    retryLimit: 2,
    // Long exports (millions of rows) must not be taken for crashed.
    expireInSeconds: 3600,
    async handle({ id }) {
      await exportJobs.run(id);
    },
  });
  queue.define<object>({
    name: PARTITIONS_JOB,
    cron: '7 * * * *',
    retryLimit: 3,
    async handle() {
      const { created, dropped } = await partitions.maintain();
      if (created.length + dropped.length > 0) log.info({ created, dropped }, 'analytics partitions maintained');
    },
  });
  queue.define<object>({
    name: ROLLUPS_JOB,
    cron: '* * * * *',
    retryLimit: 2,
    expireInSeconds: 900,
    async handle() {
      await rollups.run();
    },
  });
}
