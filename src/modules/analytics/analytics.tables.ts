// The analytics tables (0080_analytics.ts) as Kysely sees them. Events are written and read with
// raw SQL in the repositories (batch inserts from one JSON document, partition DDL), so only the
// rollups need typed tables.
import type { ColumnType, Generated } from 'kysely';

type Day = ColumnType<string, string, string>;

export interface AnalyticsDirtyDaysTable {
  day: Day;
}

export interface AnalyticsDailyTypesTable {
  day: Day;
  type: string;
  events: number;
  users: number;
  watch_seconds: number;
}

export interface AnalyticsDailyUsersTable {
  day: Day;
  user_id: string;
  events: number;
}

export interface AnalyticsDailyPagesTable {
  day: Day;
  page: string;
  views: number;
  visitors: number;
}

export interface AnalyticsDailyContentTable {
  day: Day;
  course_id: string;
  lesson_id: string | null;
  events: number;
  users: number;
}

export interface AnalyticsDailyCourseTypesTable {
  day: Day;
  course_id: string;
  type: string;
  events: number;
  users: number;
  score_sum: string;
  scores: number;
  watch_seconds: number;
}

export interface AnalyticsDailySessionsTable {
  day: Day;
  sessions: number;
  bounces: number;
  duration_seconds: number;
}

export type ExportStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface AnalyticsExportsTable {
  id: Generated<string>;
  requested_by: string;
  format: 'csv' | 'xlsx';
  /** The export query (ExportQuery), as JSON text on write. */
  filter: ColumnType<Record<string, string>, string, string>;
  status: ColumnType<ExportStatus, ExportStatus | undefined, ExportStatus>;
  total_rows: ColumnType<string | null, number | null | undefined, number | null>;
  rows_written: ColumnType<string, number | undefined, number>;
  storage_key: string | null;
  error: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  started_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  completed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    analytics_dirty_days: AnalyticsDirtyDaysTable;
    analytics_daily_types: AnalyticsDailyTypesTable;
    analytics_daily_users: AnalyticsDailyUsersTable;
    analytics_daily_pages: AnalyticsDailyPagesTable;
    analytics_daily_content: AnalyticsDailyContentTable;
    analytics_daily_sessions: AnalyticsDailySessionsTable;
    analytics_daily_course_types: AnalyticsDailyCourseTypesTable;
    analytics_exports: AnalyticsExportsTable;
  }
}
