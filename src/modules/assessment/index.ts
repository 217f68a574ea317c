// The assessment module's public API: quizzes, questions, attempts and grading, assignments and
// submissions. Every surface calls these; authorization decisions are made here.
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { Queue } from '../../platform/queue/index.ts';
import { defineAssessmentJobs } from './assessment.jobs.ts';
import { createAssessmentPolicy } from './assessment.policy.ts';
import type { AssessmentPorts } from './assessment.ports.ts';
import { createAssignmentService } from './assignment.service.ts';
import { createAttemptService } from './attempt.service.ts';
import { createLessonQuizService } from './lesson-quiz.service.ts';
import { createQuestionCache } from './question-cache.ts';
import { createQuizService } from './quiz.service.ts';
import { createStatisticsService } from './statistics.service.ts';

export type * from './assessment.events.ts';
export type { AssessmentPorts } from './assessment.ports.ts';
export type * from './assessment.types.ts';
export type { SaveResult } from './attempt.service.ts';
export { CLOSE_ATTEMPT_JOB, CLOSE_EXPIRED_ATTEMPTS_JOB } from './attempt.service.ts';

export interface AssessmentDeps extends AssessmentPorts {
  database: DatabaseHandle;
  clock: Clock;
  events: Pick<EventBus, 'publish' | 'insertSql' | 'published'>;
  queue: Queue;
}

/** Builds the module and defines its queue jobs (call before the queue starts). */
export function createAssessmentModule({ database, clock, events, queue, catalog, learning, files }: AssessmentDeps) {
  const policy = createAssessmentPolicy({ catalog, learning });
  const questions = createQuestionCache();
  const quizzes = createQuizService({ database, clock, policy, catalog });
  const attempts = createAttemptService({
    database,
    clock,
    events,
    policy,
    quizzes,
    questions,
    // Resolved at call time: learning is wired in late.
    enrolled: (userId, courseId) => learning.enrolledCondition(userId, courseId),
  });
  const statistics = createStatisticsService({ database, quizzes });
  const lessonQuizzes = createLessonQuizService({ database, clock, quizzes, attempts });
  const assignments = createAssignmentService({ database, clock, events, policy, catalog, files });
  defineAssessmentJobs(queue, attempts);

  return {
    createQuiz: quizzes.create,
    getQuiz: quizzes.get,
    getQuizForLesson: quizzes.getForLesson,
    listQuizzes: quizzes.list,
    updateQuiz: quizzes.update,
    deleteQuiz: quizzes.remove,
    listQuestions: quizzes.listQuestions,
    addQuestion: quizzes.addQuestion,
    updateQuestion: quizzes.updateQuestion,
    deleteQuestion: quizzes.removeQuestion,
    reorderQuestions: quizzes.reorderQuestions,
    quizStatistics: statistics.forQuiz,

    startAttempt: attempts.start,
    getAttempt: attempts.get,
    listAttempts: attempts.listForQuiz,
    saveAnswers: attempts.saveAnswers,
    submitAttempt: attempts.submit,
    gradeAttempt: attempts.grade,
    closeAttemptIfExpired: attempts.closeIfExpired,
    /** The deadline sweeper's work: closes every open attempt past its deadline; how many. */
    closeExpiredAttempts: attempts.closeExpired,
    /** 000's one-request quiz of a lesson: answers by question order, graded as an attempt. */
    submitLessonQuiz: lessonQuizzes.submit,

    listAssignments: assignments.listForCourse,
    /** 000's teacher page: the assignments of every course the actor teaches (all for admins). */
    listTeacherAssignments: assignments.listForTeacher,
    listAssignmentsDueBetween: assignments.listDueBetween,
    getAssignment: assignments.get,
    createAssignment: assignments.create,
    updateAssignment: assignments.update,
    deleteAssignment: assignments.remove,
    submitAssignment: assignments.submit,
    listSubmissions: assignments.listSubmissions,
    getMySubmission: assignments.mySubmission,
    getSubmission: assignments.getSubmission,
    gradeSubmission: assignments.grade,
  };
}

export type AssessmentModule = ReturnType<typeof createAssessmentModule>;
