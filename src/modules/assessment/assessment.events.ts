// Events the assessment module publishes, inside the transaction of the change they report.
import type { AttemptStatus } from './assessment.tables.ts';

declare module '../../platform/events/index.ts' {
  interface EventMap {
    /**
     * A quiz attempt was graded: automatically when it closed (submitted, or at its deadline), or
     * again when a person graded answers. `status` is 'pending_review' while essays still wait.
     */
    'assessment.attempt.graded': AttemptGraded;
    /** A student handed in an assignment, for the first time or again. */
    'assessment.submission.created': SubmissionCreated;
    /** Staff graded a submission, or returned it for rework. */
    'assessment.submission.graded': SubmissionGraded;
  }
}

export interface AttemptGraded {
  attempt_id: string;
  quiz_id: string;
  course_id: string;
  user_id: string;
  status: AttemptStatus;
  /** Percent; null while pending review. */
  score: number | null;
  passed: boolean | null;
  points_earned: number;
  points_possible: number;
  closed_by: 'student' | 'deadline' | null;
  /** The person who graded; null for automatic grading. */
  graded_by: string | null;
}

export interface SubmissionCreated {
  submission_id: string;
  assignment_id: string;
  course_id: string;
  user_id: string;
  is_late: boolean;
  /** 1 for the first hand-in, then 2, 3... */
  submission_count: number;
}

export interface SubmissionGraded {
  submission_id: string;
  assignment_id: string;
  course_id: string;
  user_id: string;
  status: 'graded' | 'returned';
  score: number;
  /** After the late penalty. */
  final_score: number;
  graded_by: string;
}
