// The assistant's domain errors, with stable codes.
import { DomainError } from '../../platform/errors.ts';

/** Unknown sessions and other users' sessions alike: a session is private to its user. */
export const sessionNotFound = (id: string) =>
  new DomainError('not_found', 'ASSISTANT_SESSION_NOT_FOUND', `Chat session with ID '${id}' not found`);

export const emptyQuestion = () =>
  new DomainError('validation', 'VALIDATION_ERROR', 'Message content must not be empty', {
    details: [{ field: 'content', message: 'Message content must not be empty' }],
  });

export const questionTooLong = (max: number) =>
  new DomainError('validation', 'VALIDATION_ERROR', `Message content must be at most ${max} characters`, {
    details: [{ field: 'content', message: `Message content must be at most ${max} characters` }],
  });

export const unknownCursor = (id: string) =>
  new DomainError('validation', 'VALIDATION_ERROR', `No message ${id} in this session`, {
    details: [{ field: 'before', message: `No message ${id} in this session` }],
  });

export const quotaExceeded = (quota: number, retryAfterSeconds: number) =>
  new DomainError(
    'rate_limited',
    'ASSISTANT_QUOTA_EXCEEDED',
    `Daily limit of ${quota} assistant messages reached. Please try again later.`,
    { retryAfterSeconds, info: { limit: quota, windowSeconds: 86_400 } },
  );

/** The model did not answer (error, timeout, empty answer): the question stays, no answer is stored. */
export const providerUnavailable = () =>
  new DomainError(
    'unavailable',
    'ASSISTANT_PROVIDER_UNAVAILABLE',
    'The AI assistant is currently unavailable. Please try again later.',
    { retryAfterSeconds: 30 },
  );

/** The client went away while the model was answering: nothing is stored. */
export const answerAbandoned = () =>
  new DomainError('unavailable', 'ASSISTANT_ANSWER_ABANDONED', 'The answer was abandoned by the client');
