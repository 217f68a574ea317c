// The assessment module's domain inputs and outputs.
import type { AttemptStatus, LatePolicy, QuestionType, SubmissionStatus } from './assessment.tables.ts';

export type { AttemptStatus, LatePolicy, QuestionType, SubmissionStatus } from './assessment.tables.ts';

/** An answer as a client sends it: an option index or text, several of them, true/false, or text. */
export type AnswerValue = string | number | boolean | (string | number)[];

export interface Quiz {
  id: string;
  course_id: string;
  lesson_id: string | null;
  title: string;
  description: string;
  time_limit_minutes: number | null;
  passing_score_percentage: number;
  shuffle_questions: boolean;
  max_attempts: number | null;
  is_published: boolean;
  version: number;
  question_count: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface Question {
  id: string;
  quiz_id: string;
  question_type: QuestionType;
  question_text: string;
  options: string[];
  /** multiple_choice: indices; true_false: boolean; short_answer: accepted texts; essay: null. */
  correct_answer: number[] | boolean | string[] | null;
  explanation: string | null;
  points: number;
  order: number;
}

/** A question as a student sees it: no correct answer, no explanation. */
export type PublicQuestion = Omit<Question, 'correct_answer' | 'explanation'> & {
  correct_answer?: Question['correct_answer'];
  explanation?: string | null;
};

export interface QuizWithQuestions extends Quiz {
  questions: PublicQuestion[];
}

export interface QuizInput {
  course_id?: string | undefined;
  lesson_id?: string | null | undefined;
  title: string;
  description?: string | undefined;
  time_limit_minutes?: number | null | undefined;
  passing_score_percentage?: number | undefined;
  shuffle_questions?: boolean | undefined;
  max_attempts?: number | null | undefined;
  is_published?: boolean | undefined;
}

export type QuizPatch = Partial<Omit<QuizInput, 'course_id'>>;

export interface QuestionInput {
  question_text: string;
  question_type: QuestionType;
  options?: string[] | undefined;
  correct_answer?: AnswerValue | null | undefined;
  explanation?: string | null | undefined;
  points?: number | undefined;
  order?: number | undefined;
}

export type QuestionPatch = Partial<QuestionInput>;

export interface AttemptAnswer {
  question_id: string;
  answer: unknown;
  correct: boolean | null;
  points_earned: number | null;
  feedback: string | null;
}

export interface Attempt {
  id: string;
  quiz_id: string;
  user_id: string;
  attempt_number: number;
  status: AttemptStatus;
  started_at: Date;
  deadline_at: Date | null;
  ended_at: Date | null;
  closed_by: 'student' | 'deadline' | null;
  score: number | null;
  passed: boolean | null;
  points_earned: number | null;
  points_possible: number | null;
  answers: AttemptAnswer[];
  /** In this attempt's order; correct answers only for staff, or once the student has no attempt left. */
  questions: PublicQuestion[];
}

export type AttemptSummary = Omit<Attempt, 'answers' | 'questions'>;

export interface AnswerInput {
  question_id: string;
  answer: AnswerValue;
}

export interface GradeInput {
  question_id: string;
  points_earned: number;
  feedback?: string | null | undefined;
}

export interface QuestionStatistics {
  question_id: string;
  question_text: string;
  question_type: QuestionType;
  order: number;
  points: number;
  answered_count: number;
  correct_count: number;
  correct_rate: number | null;
  average_points: number | null;
  pending_review_count: number;
  /** multiple_choice and true_false: how often each option was chosen. */
  option_counts: number[];
}

export interface QuizStatistics {
  quiz_id: string;
  attempts_count: number;
  completed_count: number;
  in_progress_count: number;
  pending_review_count: number;
  average_score: number | null;
  pass_rate: number | null;
  questions: QuestionStatistics[];
}

export interface Assignment {
  id: string;
  course_id: string;
  lesson_id: string | null;
  title: string;
  description: string;
  due_at: Date | null;
  max_score: number;
  late_policy: LatePolicy;
  late_penalty_percentage: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  submissions_count: number;
  graded_count: number;
}

export interface AssignmentInput {
  lesson_id?: string | null | undefined;
  title: string;
  description?: string | undefined;
  due_at?: Date | string | null | undefined;
  max_score?: number | undefined;
  late_policy?: LatePolicy | undefined;
  late_penalty_percentage?: number | undefined;
}

export type AssignmentPatch = Partial<AssignmentInput>;

export interface Submission {
  id: string;
  assignment_id: string;
  user_id: string;
  content: string | null;
  file_id: string | null;
  status: SubmissionStatus;
  is_late: boolean;
  submission_count: number;
  score: number | null;
  final_score: number | null;
  feedback: string | null;
  graded_by: string | null;
  graded_at: Date | null;
  submitted_at: Date;
  created_at: Date;
  updated_at: Date;
}

export interface SubmissionInput {
  content?: string | null | undefined;
  file_id?: string | null | undefined;
}

export interface SubmissionGradeInput {
  score: number;
  feedback?: string | null | undefined;
  /** `returned` asks the student to rework it: a returned submission may be resubmitted. */
  status?: 'graded' | 'returned' | undefined;
}
