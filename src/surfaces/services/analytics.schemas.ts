// 003's analytics service: the event schema, the dashboard and the DAU report.
import { Type } from 'typebox';

import { DateOnly, DateTime, Int, StringEnum, Uuid } from '../kit/schemas.ts';

export const EventIn = Type.Object({
  ts: DateTime,
  user_id: Type.Optional(Uuid),
  type: Type.String({ minLength: 1, maxLength: 100, description: 'Free-form event type, such as `page_view`' }),
  src: Type.Optional(Type.String({ maxLength: 100, description: 'Where it happened: `web_app`, `mobile_app`...' })),
  payload: Type.Record(Type.String({ maxLength: 200 }), Type.Unknown(), {
    description: 'Event-specific data; at most 16 KB as JSON and 8 levels deep',
  }),
});

export const IngestBody = Type.Array(EventIn, {
  description: 'At most 1,000 events and 10 MB per batch; `user_id` absent means the caller.',
});
export const IngestOut = Type.Object({ ingested: Int(0, 1000) });

const Count = Int(0, Number.MAX_SAFE_INTEGER);
export const DashboardOut = Type.Object({
  overview: Type.Object({
    total_users: Count,
    active_users_today: Count,
    active_users_week: Count,
    active_users_month: Count,
  }),
  engagement: Type.Object({
    avg_session_duration: Type.Integer({ minimum: 0, description: 'Seconds, over today’s sessions' }),
    page_views_today: Count,
    bounce_rate: Type.Number({ minimum: 0, maximum: 1, description: 'Share of today’s sessions with one event' }),
  }),
  content: Type.Object({
    courses_completed_today: Count,
    lessons_watched_today: Count,
    total_watch_time_minutes: Count,
  }),
  top_pages: Type.Array(Type.Object({ page: Type.String({ maxLength: 500 }), views: Count, unique_visitors: Count }), {
    maxItems: 10,
    description: 'The last 7 days; a visitor counts once per page and day',
  }),
  updated_at: DateTime,
});

export const DauQuery = Type.Object({
  date: Type.Optional({ ...DateOnly, description: 'A UTC day (YYYY-MM-DD); today when omitted' }),
});
export const DauOut = Type.Object({ dau: Count, date: DateOnly, updated_at: DateTime });

export const ExportQuery = Type.Object({
  format: StringEnum(['csv', 'xlsx'], { description: 'The file format' }),
  start_date: Type.Optional(DateOnly),
  end_date: Type.Optional(DateOnly),
  event_type: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  user_id: Type.Optional(Uuid),
});

/** The exported file: one row per event (timestamp, user_id, event_type, source, payload as JSON). */
export const ExportOut = {
  description: 'The events as a file, streamed.',
  content: {
    'text/csv': { schema: Type.String({ description: 'CSV with a header row.' }) },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: Type.String({ format: 'binary', description: 'An XLSX workbook with one sheet, "events".' }),
    },
  },
};

export const IngestKeyHeader = Type.Object({
  'x-api-key': Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'A service API key (`lsk_...`) with the analytics scope, instead of an access token.',
    }),
  ),
});

export const ExportJobBody = Type.Object(ExportQuery.properties, { additionalProperties: false });
export const ExportJobParams = Type.Object({ export_id: Uuid });

export const ExportJobOut = Type.Object({
  id: Uuid,
  format: StringEnum(['csv', 'xlsx']),
  status: StringEnum(['queued', 'running', 'completed', 'failed']),
  progress: Int(0, 100, { description: 'Percent of the matching events written.' }),
  rows_written: Int(0, Number.MAX_SAFE_INTEGER),
  total_rows: Type.Union([Int(0, Number.MAX_SAFE_INTEGER), Type.Null()], {
    description: 'Matching events, known once the job starts.',
  }),
  download_url: Type.Union([Type.String({ maxLength: 4096 }), Type.Null()], {
    description: 'A signed link to the file once completed, valid 15 minutes (read the export again for a new one).',
  }),
  download_expires_at: Type.Union([DateTime, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  created_at: DateTime,
  completed_at: Type.Union([DateTime, Type.Null()]),
});
