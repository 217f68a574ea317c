// Assignments and submissions in 002's words (course, lecture, due_date, decimal strings), and
// 002's bodies in the assessment module's. Only declared fields are read.
import type { Static } from 'typebox';

import type {
  Assignment,
  AssignmentPatch,
  Submission,
  SubmissionGradeInput,
  SubmissionStatus,
} from '../../../modules/assessment/index.ts';
import type { AssignmentPatchBody, GradeBody } from '../assignments.schemas.ts';

/** DRF's DecimalField renders two decimals as a string. */
const decimal = (value: number) => value.toFixed(2);

export const toAssignmentOut = (assignment: Assignment) => ({
  id: assignment.id,
  course: assignment.course_id,
  lecture: assignment.lesson_id,
  title: assignment.title,
  description: assignment.description,
  max_score: decimal(assignment.max_score),
  due_date: assignment.due_at,
  submissions_count: assignment.submissions_count,
  graded_count: assignment.graded_count,
  created_by: assignment.created_by,
  created_at: assignment.created_at,
  updated_at: assignment.updated_at,
});

/** A bare date is due at the end of that day (UTC), so work handed in that day is on time. */
export const dueAt = (value: string | null): string | null =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;

export function assignmentInput(body: Static<typeof AssignmentPatchBody>): AssignmentPatch {
  const input: AssignmentPatch = {};
  if (body.title !== undefined) input.title = body.title;
  if (body.description !== undefined) input.description = body.description;
  if (body.max_score !== undefined) input.max_score = body.max_score;
  if (body.due_date !== undefined) input.due_at = dueAt(body.due_date);
  if (body.lecture !== undefined) input.lesson_id = body.lecture;
  return input;
}

/** 002's `pending` is the module's `returned`: handed back to the student to rework. */
const STATUS_OUT: Record<SubmissionStatus, 'submitted' | 'graded' | 'pending'> = {
  submitted: 'submitted',
  graded: 'graded',
  returned: 'pending',
};
export const statusIn = (status: 'submitted' | 'graded' | 'pending'): SubmissionStatus =>
  status === 'pending' ? 'returned' : status;

export const toSubmissionOut = (submission: Submission) => ({
  id: submission.id,
  assignment: submission.assignment_id,
  user: submission.user_id,
  content: submission.content,
  file: submission.file_id,
  status: STATUS_OUT[submission.status],
  is_late: submission.is_late,
  submission_count: submission.submission_count,
  score: submission.score === null ? null : decimal(submission.score),
  final_score: submission.final_score === null ? null : decimal(submission.final_score),
  feedback: submission.feedback,
  graded_by: submission.graded_by,
  graded_at: submission.graded_at,
  submitted_at: submission.submitted_at,
  updated_at: submission.updated_at,
});

export const gradeInput = (body: Static<typeof GradeBody>): SubmissionGradeInput => ({
  score: body.score,
  ...(body.feedback !== undefined ? { feedback: body.feedback } : {}),
  status: body.status === 'pending' ? 'returned' : 'graded',
});
