// The analytics module's public API: one event store (monthly partitions) fed by clients'
// batches and the other modules' domain events, daily rollups kept by a scheduled job, and the
// figures every contract's statistics endpoints show.
import './analytics.tables.ts';

import type { FastifyBaseLogger } from 'fastify';

import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { Queue } from '../../platform/queue/index.ts';
import { defineAnalyticsJobs } from './analytics.jobs.ts';
import type { AnalyticsPorts } from './analytics.ports.ts';
import type { AnalyticsSettings } from './analytics.types.ts';
import { createDashboardService } from './dashboard.service.ts';
import { createIngestService } from './ingest.service.ts';
import { createPartitionService } from './partition.service.ts';
import { subscribeRecorder } from './recorder.ts';
import { createRollupService } from './rollup.service.ts';

export { PARTITIONS_JOB, ROLLUPS_JOB } from './analytics.jobs.ts';
export type * from './analytics.types.ts';
export { INGEST_LIMITS } from './ingest.service.ts';
export { RECORDED_EVENTS } from './recorder.ts';

export interface AnalyticsDeps extends AnalyticsPorts {
  database: DatabaseHandle;
  clock: Clock;
  events: EventBus;
  queue: Queue;
  settings: AnalyticsSettings;
  log: Pick<FastifyBaseLogger, 'info'>;
}

export type AnalyticsModule = ReturnType<typeof createAnalyticsModule>;

export function createAnalyticsModule({ database, clock, events, queue, settings, log, identity }: AnalyticsDeps) {
  const partitions = createPartitionService({ database, clock, settings });
  const ingest = createIngestService({ database, clock, partitions, settings });
  const rollups = createRollupService({ database, log });
  const dashboard = createDashboardService({ database, clock, identity });
  subscribeRecorder(events, ingest.record);
  defineAnalyticsJobs({ queue, partitions, rollups, log });

  return {
    ingest: ingest.ingest,
    getDashboard: dashboard.dashboard,
    getDailyActiveUsers: dashboard.dailyActiveUsers,

    // Operations (the scheduled jobs call these; tests and the CLI may too)
    /** Creates partitions ahead and drops those past the retention. */
    maintainPartitions: partitions.maintain,
    /** Rebuilds the rollups of every day that received events since the last run. */
    runRollups: rollups.run,
  };
}
