import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** numeric columns arrive as strings; numbers are accepted on write. */
type Numeric = ColumnType<string, number | string | undefined, number | string>;
type NullableNumeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;
type Json<T> = ColumnType<T, string, string>;

export type QuestionType = 'multiple_choice' | 'true_false' | 'short_answer' | 'essay';
export type AttemptStatus = 'in_progress' | 'pending_review' | 'graded';
export type LatePolicy = 'refuse' | 'accept' | 'penalize';
export type SubmissionStatus = 'submitted' | 'graded' | 'returned';

export interface QuizzesTable {
  id: Generated<string>;
  course_id: string;
  lesson_id: string | null;
  title: string;
  description: Generated<string>;
  time_limit_minutes: number | null;
  passing_score_percentage: Numeric;
  shuffle_questions: Generated<boolean>;
  max_attempts: number | null;
  is_published: Generated<boolean>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QuizQuestionsTable {
  id: Generated<string>;
  quiz_id: string;
  type: QuestionType;
  text: string;
  options: Json<string[]>;
  correct_answer: ColumnType<unknown, string | null, string | null>;
  explanation: string | null;
  points: Numeric;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QuizAttemptsTable {
  id: Generated<string>;
  quiz_id: string;
  user_id: string;
  attempt_number: number;
  status: ColumnType<AttemptStatus, AttemptStatus | undefined, AttemptStatus>;
  question_order: Json<string[]>;
  started_at: Timestamp;
  deadline_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  closed_by: 'student' | 'deadline' | null;
  points_earned: NullableNumeric;
  points_possible: NullableNumeric;
  score: NullableNumeric;
  passed: boolean | null;
  /** Bumped by every save of answers (the optimistic submit's check). */
  answers_version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QuizAnswersTable {
  attempt_id: string;
  question_id: string;
  answer: Json<unknown>;
  is_correct: boolean | null;
  points_earned: NullableNumeric;
  feedback: string | null;
  graded_by: string | null;
  graded_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface AssignmentsTable {
  id: Generated<string>;
  course_id: string;
  lesson_id: string | null;
  title: string;
  description: Generated<string>;
  due_at: NullableTimestamp;
  max_score: Numeric;
  late_policy: ColumnType<LatePolicy, LatePolicy | undefined, LatePolicy>;
  late_penalty_percentage: Numeric;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssignmentSubmissionsTable {
  id: Generated<string>;
  assignment_id: string;
  user_id: string;
  content: string | null;
  file_id: string | null;
  status: ColumnType<SubmissionStatus, SubmissionStatus | undefined, SubmissionStatus>;
  is_late: boolean;
  submission_count: Generated<number>;
  score: NullableNumeric;
  final_score: NullableNumeric;
  feedback: string | null;
  graded_by: string | null;
  graded_at: NullableTimestamp;
  submitted_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type QuizRow = Selectable<QuizzesTable>;
export type QuestionRow = Selectable<QuizQuestionsTable>;
export type AttemptRow = Selectable<QuizAttemptsTable>;
export type AnswerRow = Selectable<QuizAnswersTable>;
export type AssignmentRow = Selectable<AssignmentsTable>;
export type SubmissionRow = Selectable<AssignmentSubmissionsTable>;

declare module '../../platform/db/database.ts' {
  interface Database {
    quizzes: QuizzesTable;
    quiz_questions: QuizQuestionsTable;
    quiz_attempts: QuizAttemptsTable;
    quiz_answers: QuizAnswersTable;
    assignments: AssignmentsTable;
    assignment_submissions: AssignmentSubmissionsTable;
  }
}
