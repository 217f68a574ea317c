// Assignments and submissions in the native words: `due_date` for the module's `due_at`,
// `student_id` for the submitter.
import type { Static } from 'typebox';

import type { Assignment, AssignmentPatch, Submission } from '../../../modules/assessment/index.ts';
import type { CreateAssignmentBody, UpdateAssignmentBody } from '../assignments.schemas.ts';

export const toAssignmentOut = (assignment: Assignment) => ({ ...assignment, due_date: assignment.due_at });

export const toSubmissionOut = (submission: Submission) => ({ ...submission, student_id: submission.user_id });

export function assignmentPatch({ due_date, ...rest }: Static<typeof UpdateAssignmentBody>): AssignmentPatch {
  return { ...rest, ...(due_date !== undefined ? { due_at: due_date } : {}) };
}

export function assignmentInput({ title, ...rest }: Static<typeof CreateAssignmentBody>) {
  return { ...assignmentPatch(rest), title };
}
