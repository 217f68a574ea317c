// The modules name fields in their own words (`lesson_id`, `answers.0.question_id`); a 400 on
// this surface must name the field the client sent (`lecture`, `answers.0.question`).
import { DomainError } from '../../platform/errors.ts';

/** Runs `work`, renaming the fields of a validation error by `rename` (unchanged when it returns undefined). */
export async function withDrfFieldNames<T>(
  rename: (field: string) => string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== 'validation' || !error.details) throw error;
    const details = error.details.map((detail) =>
      detail.field ? { ...detail, field: rename(detail.field) ?? detail.field } : detail,
    );
    throw new DomainError(error.kind, error.code, error.message, { details, cause: error });
  }
}

export const lectureField = (field: string) => (field === 'lesson_id' ? 'lecture' : undefined);
export const answerField = (field: string) =>
  /^answers\.\d+\.question_id$/.test(field) ? field.replace(/question_id$/, 'question') : undefined;
