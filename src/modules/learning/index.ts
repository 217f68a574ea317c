// The learning module's public API: enrolments, lesson and video progress, bookmarks, notes and
// certificates. Every surface calls these; authorization decisions are made here.
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { Links } from '../../platform/links.ts';
import type { Queue } from '../../platform/queue/index.ts';
import { createBookmarkService, createNoteService } from './annotation.service.ts';
import { createCertificateService } from './certificate.service.ts';
import { enrolledCondition, enrollmentRepo } from './enrollment.repo.ts';
import { createEnrollmentService } from './enrollment.service.ts';
import { defineLearningJobs } from './learning.jobs.ts';
import { createLearningPolicy } from './learning.policy.ts';
import type { LearningPorts } from './learning.ports.ts';
import type { CertificateStorage } from './learning.types.ts';
import { createProgressService } from './progress.service.ts';
import { createRosterService } from './roster.service.ts';
import { createVideoProgressService } from './video-progress.service.ts';
import { createVideoStatsService } from './video-stats.service.ts';

export type * from './learning.events.ts';
export type { LearningPorts } from './learning.ports.ts';
export type * from './learning.types.ts';
export { MAX_POSITION_GAP_SECONDS, VIDEO_WATCHED_PERCENT } from './progress.service.ts';
export type { VideoProgress, VideoProgressReport } from './video-progress.service.ts';

export interface LearningDeps extends LearningPorts {
  database: DatabaseHandle;
  clock: Clock;
  events: Pick<EventBus, 'publish' | 'insertSql' | 'published'>;
  queue: Queue;
  /** Where certificate PDFs are kept. */
  storage: CertificateStorage;
  links: Pick<Links, 'certificateVerification'>;
}

/** Builds the module and defines its queue jobs (call before the queue starts). */
export function createLearningModule({
  database,
  clock,
  events,
  queue,
  catalog,
  identity,
  storage,
  links,
}: LearningDeps) {
  const policy = createLearningPolicy(catalog);
  const enrollments = createEnrollmentService({ database, clock, events, catalog, policy });
  const progress = createProgressService({ database, clock, events, catalog, enrollments });
  const videoStats = createVideoStatsService({ database, catalog, policy });
  const roster = createRosterService({ database, policy, identity });
  const videoProgress = createVideoProgressService({ catalog, progress, enrollments });
  const bookmarks = createBookmarkService({ database, clock, catalog });
  const notes = createNoteService({ database, clock, catalog });
  const certificates = createCertificateService({
    database,
    clock,
    events,
    queue,
    catalog,
    policy,
    identity,
    storage,
    links,
  });
  defineLearningJobs(queue, certificates);

  return {
    enroll: enrollments.enroll,
    grantEnrollment: enrollments.grant,
    recordPayment: enrollments.recordPayment,
    refundEnrollment: enrollments.refund,
    cancelEnrollment: enrollments.cancel,
    cancelEnrollmentByCourse: enrollments.cancelByCourse,
    getEnrollmentById: enrollments.get,
    listMyCourses: enrollments.listMine,
    listCourseEnrollments: enrollments.listForCourse,
    isEnrolled: enrollments.isEnrolled,
    /** isEnrolled as an SQL condition for another module's statement (assessment's attempt start). */
    enrolledCondition,
    /** isEnrolled for a page of courses at once (the catalog's content gate of a listing). */
    listEnrolledCourseIds: (userId: string, courseIds: readonly string[]): Promise<string[]> =>
      enrollmentRepo.enrolledCourseIds(database.db, userId, courseIds),
    activeStudentIds: enrollments.activeStudentIds,
    getEnrollment: enrollments.getEnrollment,
    /** 000's teacher page: students of every course the actor teaches (all for admins). */
    listStudentsOfTeacher: roster.listStudentsOfTeacher,

    completeLesson: progress.completeLesson,
    updateLessonProgress: progress.updateLessonProgress,
    recordWatch: progress.recordWatch,
    recordWatchPosition: progress.recordWatchPosition,
    getCourseProgress: progress.getCourseProgress,
    listMyProgress: progress.listMyProgress,
    getLessonProgress: progress.getLessonProgress,
    getVideoProgress: videoProgress.get,
    reportVideoProgress: videoProgress.report,
    lessonVideoStats: videoStats.lessonVideoStats,
    courseVideoStats: videoStats.courseVideoStats,

    bookmarks: {
      list: bookmarks.list,
      create: bookmarks.create,
      get: bookmarks.get,
      update: bookmarks.update,
      remove: bookmarks.remove,
    },
    notes: { list: notes.list, create: notes.create, get: notes.get, update: notes.update, remove: notes.remove },

    generateCertificate: certificates.generate,
    getCertificate: certificates.get,
    listMyCertificates: certificates.listMine,
    certificateDownloadUrl: certificates.downloadUrl,
    revokeCertificate: certificates.revoke,
    verifyCertificate: certificates.verify,
    certificateVerificationUrl: certificates.verificationUrl,
    certificateVerificationLink: certificates.verificationLink,
  };
}

export type LearningModule = ReturnType<typeof createLearningModule>;
