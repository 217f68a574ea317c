// The analytics module's inputs and outputs.

/** One event as a client (or a module's domain event) hands it in. */
export interface EventInput {
  /** ISO 8601. */
  ts: string | Date;
  /** Absent: the caller. */
  user_id?: string | undefined;
  type: string;
  src?: string | undefined;
  payload: Record<string, unknown>;
}

/** An event ready to store: owner resolved, timestamp checked. */
export interface StoredEvent {
  ts: string;
  user_id: string | null;
  type: string;
  src: string | null;
  payload: Record<string, unknown>;
}

export interface Dashboard {
  overview: {
    total_users: number;
    active_users_today: number;
    active_users_week: number;
    active_users_month: number;
  };
  engagement: { avg_session_duration: number; page_views_today: number; bounce_rate: number };
  content: { courses_completed_today: number; lessons_watched_today: number; total_watch_time_minutes: number };
  top_pages: { page: string; views: number; unique_visitors: number }[];
  updated_at: Date;
}

export interface DailyActiveUsers {
  dau: number;
  /** YYYY-MM-DD (UTC). */
  date: string;
  updated_at: Date;
}

export interface AnalyticsSettings {
  /** Events older than this many days are dropped with their monthly partition. */
  retentionDays: number;
  /** Months of partitions kept ready ahead of the current one. */
  monthsAhead: number;
}
