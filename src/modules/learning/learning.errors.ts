import { DomainError } from '../../platform/errors.ts';

export const courseFull = () => new DomainError('conflict', 'LEARNING_COURSE_FULL', 'This course has no seats left');
export const alreadyEnrolled = () =>
  new DomainError('conflict', 'LEARNING_ALREADY_ENROLLED', 'You are already enrolled in this course');
export const courseNotOpen = (courseId: string) =>
  new DomainError('conflict', 'LEARNING_COURSE_NOT_PUBLISHED', `Course ${courseId} is not open for enrolment`);
export const paymentRequired = () =>
  new DomainError(
    'forbidden',
    'LEARNING_PAYMENT_REQUIRED',
    'This course is paid: enrolment needs a recorded payment or a grant',
  );
export const enrollmentNotActive = () =>
  new DomainError('conflict', 'LEARNING_ENROLLMENT_NOT_ACTIVE', 'This enrolment is cancelled');
export const lessonNotInCourse = (lessonId: string) =>
  new DomainError('not_found', 'NOT_FOUND', `Lesson ${lessonId} not found in this course`);
export const notCompleted = () =>
  new DomainError(
    'conflict',
    'LEARNING_ENROLLMENT_NOT_COMPLETED',
    'A certificate is issued only for a completed course',
  );
export const noCertificate = () =>
  new DomainError('conflict', 'LEARNING_NO_CERTIFICATE', 'This course does not award a certificate');
export const pdfPending = () =>
  new DomainError(
    'conflict',
    'LEARNING_CERTIFICATE_PDF_PENDING',
    'The certificate PDF is being prepared; try again shortly',
  );
export const alreadyRevoked = () =>
  new DomainError('conflict', 'LEARNING_CERTIFICATE_REVOKED', 'This certificate is already revoked');
export const notPaid = () =>
  new DomainError('conflict', 'LEARNING_NOT_PAID', 'This enrolment has no payment to refund');
