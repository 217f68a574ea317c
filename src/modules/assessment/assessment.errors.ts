// Typed errors of the assessment module, with stable codes.
import { DomainError } from '../../platform/errors.ts';

export const notEnrolled = () => new DomainError('forbidden', 'ASSESSMENT_NOT_ENROLLED', 'Enrol in the course first');
export const maxAttemptsReached = (max: number) =>
  new DomainError(
    'conflict',
    'ASSESSMENT_MAX_ATTEMPTS',
    `The maximum of ${max} attempt(s) for this quiz has been reached`,
  );
export const attemptInProgress = (attemptId: string) =>
  new DomainError(
    'conflict',
    'ASSESSMENT_ATTEMPT_IN_PROGRESS',
    `Attempt ${attemptId} of this quiz is still in progress`,
  );
export const attemptJustStarted = () =>
  new DomainError(
    'conflict',
    'ASSESSMENT_ATTEMPT_IN_PROGRESS',
    'Another attempt of this quiz was started at the same moment',
  );
export const attemptClosed = () =>
  new DomainError('conflict', 'ASSESSMENT_ATTEMPT_CLOSED', 'This attempt has already been submitted');
export const deadlinePassed = () =>
  new DomainError(
    'expired',
    'ASSESSMENT_DEADLINE_PASSED',
    'The time limit of this attempt has passed; answers are no longer accepted',
  );
export const attemptNotClosed = () =>
  new DomainError('conflict', 'ASSESSMENT_ATTEMPT_OPEN', 'This attempt has not been submitted yet');
export const quizWithoutQuestions = () =>
  new DomainError('conflict', 'ASSESSMENT_QUIZ_EMPTY', 'This quiz has no questions yet');
export const submissionClosed = (reason: string) => new DomainError('conflict', 'ASSESSMENT_SUBMISSION_CLOSED', reason);
export const lateRefused = () =>
  new DomainError('expired', 'ASSESSMENT_PAST_DUE', 'The due date of this assignment has passed');
