// The analytics module's public API: one event store (monthly partitions) fed by clients'
// batches and the other modules' domain events, daily rollups kept by a scheduled job, and the
// figures every contract's statistics endpoints show.
import './analytics.tables.ts';

import type { FastifyBaseLogger } from 'fastify';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { Queue } from '../../platform/queue/index.ts';
import type { Storage } from '../../platform/storage/index.ts';
import { defineAnalyticsJobs } from './analytics.jobs.ts';
import type { AnalyticsPorts } from './analytics.ports.ts';
import type { AnalyticsSettings, EventInput } from './analytics.types.ts';
import { createDashboardService } from './dashboard.service.ts';
import { createExportService } from './export.service.ts';
import { createExportJobService } from './export-job.service.ts';
import { createFiguresService } from './figures.service.ts';
import { createIngestService } from './ingest.service.ts';
import { createPartitionService } from './partition.service.ts';
import { subscribeRecorder } from './recorder.ts';
import { createRollupService } from './rollup.service.ts';
import { createStatsService } from './stats.service.ts';

export { PARTITIONS_JOB, ROLLUPS_JOB } from './analytics.jobs.ts';
export type * from './analytics.types.ts';
export type { ExportFile, ExportQuery } from './export.service.ts';
export type { ExportJob } from './export-job.service.ts';
export { EXPORT_JOB } from './export-job.service.ts';
export type { ExportFormat } from './export-writers.ts';
export type { CourseFigures, InstructorAnalytics, LearnerAnalytics, SystemAnalytics } from './figures.service.ts';
export { INGEST_LIMITS } from './ingest.service.ts';
export { RECORDED_EVENTS } from './recorder.ts';
export type { ContentStats, CourseStats, RevenueStats, StudentStats, VideoStats } from './stats.service.ts';

export interface AnalyticsDeps extends AnalyticsPorts {
  database: DatabaseHandle;
  clock: Clock;
  events: EventBus;
  queue: Queue;
  storage: Storage;
  settings: AnalyticsSettings;
  log: Pick<FastifyBaseLogger, 'info' | 'error'>;
}

export type AnalyticsModule = ReturnType<typeof createAnalyticsModule>;

export function createAnalyticsModule(deps: AnalyticsDeps) {
  const { database, clock, events, queue, storage, settings, log, identity, catalog, serviceKeys } = deps;
  const partitions = createPartitionService({ database, clock, settings });
  const ingest = createIngestService({ database, clock, partitions, settings });
  const rollups = createRollupService({ database, log });
  const dashboard = createDashboardService({ database, clock, identity });
  const figures = createFiguresService({ database, clock, identity, catalog });
  const stats = createStatsService({ database, clock, catalog });
  const exports = createExportService({ database, clock });
  const exportJobs = createExportJobService({ database, clock, queue, storage, exports, log });
  subscribeRecorder(events, ingest.record);
  defineAnalyticsJobs({ queue, partitions, rollups, exportJobs, log });

  return {
    /** A signed-in user's batch: about themself (admins: anyone). */
    ingest: (actor: Actor, batch: readonly EventInput[]) => ingest.ingest({ actor }, batch),
    /** A service's batch, with an API key holding the analytics scope: about anyone (or nobody). */
    async ingestWithApiKey(apiKey: string, batch: readonly EventInput[]) {
      const key = await serviceKeys.verifyApiKey(apiKey, 'analytics');
      return ingest.ingest({ serviceKeyId: key.id }, batch);
    },
    getDashboard: dashboard.dashboard,
    getDailyActiveUsers: dashboard.dailyActiveUsers,
    /** 001: the caller's own learning figures. */
    getLearnerAnalytics: figures.learner,
    /** 001: one course's figures, for its staff and admins. */
    getCourseAnalytics: figures.course,
    /** 001: figures over the courses the caller owns or co-teaches. */
    getInstructorAnalytics: figures.instructor,
    /** 001: platform-wide figures, for admins. */
    getSystemAnalytics: figures.system,
    /** 000: courses, students, videos and revenue of a teacher's courses or (admins) the platform. */
    getContentStats: stats.overview,
    getCourseStats: stats.courses,
    getStudentStats: stats.students,
    getVideoStats: stats.videos,
    /** 000: recorded payments per course and currency; admins only. */
    getRevenueStats: stats.revenue,
    /** 003: the events matching a filter as a CSV or XLSX stream; admins only. */
    exportEvents: exports.exportEvents,
    /** 003 (extension): the same export as a background job writing a file; progress and a signed link. */
    requestEventExport: exportJobs.request,
    getEventExport: exportJobs.get,

    // Operations (the scheduled jobs call these; tests and the CLI may too)
    /** Creates partitions ahead and drops those past the retention. */
    maintainPartitions: partitions.maintain,
    /** Rebuilds the rollups of every day that received events since the last run. */
    runRollups: rollups.run,
  };
}
