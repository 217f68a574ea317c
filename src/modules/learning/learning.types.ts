// The learning module's domain inputs and outputs.
import type { EnrollmentStatus, PaymentStatus } from './learning.tables.ts';

export type { EnrollmentStatus, PaymentStatus } from './learning.tables.ts';
// The catalog's own summaries: one definition of what a course and a lesson look like to neighbours.
export type { CourseSummary, LessonSummary } from '../catalog/index.ts';

/** Where certificate PDFs go (platform.storage, narrowed). */
export interface CertificateStorage {
  put(key: string, body: Buffer, options: { contentType: string }): Promise<unknown>;
  signedDownloadUrl(key: string, options: { expiresInSeconds: number; filename?: string }): Promise<string> | string;
}

export interface Enrollment {
  id: string;
  user_id: string;
  course_id: string;
  status: EnrollmentStatus;
  payment_status: PaymentStatus;
  progress_percentage: number;
  granted_by: string | null;
  enrolled_at: Date;
  completed_at: Date | null;
  cancelled_at: Date | null;
  last_accessed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface MyCourse extends Enrollment {
  course: { id: string; title: string; slug: string } | null;
}

export interface LessonProgress {
  id: string;
  enrollment_id: string;
  user_id: string;
  course_id: string;
  lesson_id: string;
  completed: boolean;
  completed_at: Date | null;
  score: number | null;
  video_watched: boolean;
  watched_seconds: number;
  last_position_seconds: number;
  completion_percentage: number;
  updated_at: Date;
}

export interface CourseProgress {
  enrollment: Enrollment;
  completed_lessons: number;
  total_lessons: number;
  lessons: LessonProgress[];
}

export interface ProgressUpdate {
  completed?: boolean | undefined;
  score?: number | undefined;
  video_watched?: boolean | undefined;
}

/** A player's position report (000): where playback is now, and the video's length. */
export interface WatchPosition {
  position_seconds: number;
  duration_seconds?: number | undefined;
}

export interface WatchReport {
  from_seconds: number;
  to_seconds: number;
  /** The player's total duration; used when the lesson has none recorded. */
  duration_seconds?: number | undefined;
  /** One playback session of the client; views are counted per session. */
  session_id?: string | undefined;
}

export interface VideoStats {
  lesson_id: string;
  duration_seconds: number;
  total_views: number;
  unique_viewers: number;
  /** Percentage of viewers who watched at least the completion threshold. */
  completion_rate: number;
  /** Mean unique seconds watched per viewer. */
  average_watch_time: number;
  /** Positions (seconds) where most viewers stopped, busiest first. */
  drop_off_points: number[];
  /** Viewers who reached each tenth of the video. */
  retention: { from_seconds: number; to_seconds: number; viewers: number }[];
}

export interface Annotation {
  id: string;
  enrollment_id: string;
  lesson_id: string;
  timestamp_seconds: number;
  created_at: Date;
  updated_at: Date;
}
export interface Bookmark extends Annotation {
  title: string;
}
export interface Note extends Annotation {
  content: string;
}

export interface Certificate {
  id: string;
  enrollment_id: string;
  user_id: string;
  course_id: string;
  certificate_number: string;
  verification_code: string;
  course_title: string;
  student_name: string;
  issued_at: Date;
  pdf_ready: boolean;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

export interface CertificateVerification {
  valid: boolean;
  status: 'valid' | 'revoked';
  certificate_number: string;
  holder_name: string;
  course_title: string;
  issued_at: Date;
  revoked_at: Date | null;
}

/** A student of a teacher's courses, with figures over those courses only. */
export interface TeacherStudent {
  id: string;
  full_name: string;
  email: string | null;
  /** Active or completed enrolments in the teacher's courses. */
  enrolled_courses: number;
  /** The average progress percentage over those enrolments. */
  average_progress: number;
  /** The latest access to any of those courses (the enrolment itself at first). */
  last_activity: Date;
}
