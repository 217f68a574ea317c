import type { ColumnType, Generated, Selectable } from 'kysely';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric columns arrive as strings; numbers are accepted on write. */
type Numeric = ColumnType<string, number | string | undefined, number | string>;
type NullableNumeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export type EnrollmentStatus = 'active' | 'completed' | 'cancelled';
export type PaymentStatus = 'free' | 'paid' | 'refunded';

export interface EnrollmentsTable {
  id: Generated<string>;
  user_id: string;
  course_id: string;
  status: ColumnType<EnrollmentStatus, EnrollmentStatus | undefined, EnrollmentStatus>;
  payment_status: ColumnType<PaymentStatus, PaymentStatus | undefined, PaymentStatus>;
  progress_percentage: Numeric;
  granted_by: string | null;
  enrolled_at: Timestamp;
  completed_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  last_accessed_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface EnrollmentPaymentsTable {
  id: Generated<string>;
  enrollment_id: string;
  amount: Numeric;
  currency: string;
  reference: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
  refunded_at: NullableTimestamp;
}

export interface LessonProgressTable {
  id: Generated<string>;
  enrollment_id: string;
  user_id: string;
  course_id: string;
  lesson_id: string;
  completed: Generated<boolean>;
  completed_at: NullableTimestamp;
  score: NullableNumeric;
  video_watched: Generated<boolean>;
  watched_seconds: Generated<number>;
  last_position_seconds: Generated<number>;
  completion_percentage: Numeric;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WatchSpansTable {
  id: Generated<string>;
  enrollment_id: string;
  user_id: string;
  lesson_id: string;
  session_id: string | null;
  start_seconds: number;
  end_seconds: number;
  created_at: Timestamp;
}

interface AnnotationTable {
  id: Generated<string>;
  enrollment_id: string;
  user_id: string;
  lesson_id: string;
  timestamp_seconds: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BookmarksTable extends AnnotationTable {
  title: string;
}

export interface NotesTable extends AnnotationTable {
  content: string;
}

export interface CertificateCountersTable {
  year: number;
  last_number: number;
}

export interface CertificatesTable {
  id: Generated<string>;
  enrollment_id: string;
  user_id: string;
  course_id: string;
  certificate_number: string;
  verification_code: string;
  course_title: string;
  student_name: string;
  issued_at: Timestamp;
  pdf_key: string | null;
  pdf_ready_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  revoke_reason: string | null;
  created_at: Generated<Date>;
}

export type EnrollmentRow = Selectable<EnrollmentsTable>;
export type LessonProgressRow = Selectable<LessonProgressTable>;
export type BookmarkRow = Selectable<BookmarksTable>;
export type NoteRow = Selectable<NotesTable>;
export type CertificateRow = Selectable<CertificatesTable>;

declare module '../../platform/db/database.ts' {
  interface Database {
    enrollments: EnrollmentsTable;
    enrollment_payments: EnrollmentPaymentsTable;
    lesson_progress: LessonProgressTable;
    watch_spans: WatchSpansTable;
    bookmarks: BookmarksTable;
    notes: NotesTable;
    certificate_counters: CertificateCountersTable;
    certificates: CertificatesTable;
  }
}
