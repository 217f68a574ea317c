// Assignment use cases: CRUD by the course's staff; submission (text and/or an uploaded file) by
// enrolled students, resubmission before the due date, the late policy; grading with feedback.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation, translateDbErrors } from '../../platform/db/errors.ts';
import type { DatabaseHandle, Executor, Tx } from '../../platform/db/index.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import { lateRefused, notEnrolled, submissionClosed } from './assessment.errors.ts';
import type { AssessmentPolicy } from './assessment.policy.ts';
import type { AssessmentPorts } from './assessment.ports.ts';
import type {
  Assignment,
  AssignmentInput,
  AssignmentPatch,
  Submission,
  SubmissionGradeInput,
  SubmissionInput,
  SubmissionStatus,
} from './assessment.types.ts';
import { assignmentRepo } from './assignment.repo.ts';
import { round2 } from './grading.ts';

export interface AssignmentDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
  policy: AssessmentPolicy;
  catalog: AssessmentPorts['catalog'];
  files: AssessmentPorts['files'];
}

export function createAssignmentService({ database, clock, events, policy, catalog, files }: AssignmentDeps) {
  const db = database.db;

  async function load(id: string): Promise<Assignment> {
    const assignment = await assignmentRepo.findById(db, id);
    if (!assignment) throw notFound('Assignment', id);
    return assignment;
  }

  /** Staff and enrolled students read a course's assignments. */
  async function assertReader(actor: Actor, courseId: string): Promise<'staff' | 'student'> {
    if (await policy.isStaff(actor, courseId)) return 'staff';
    if (!(await policy.isEnrolled(actor, courseId))) throw notEnrolled();
    return 'student';
  }

  async function forStaff(actor: Actor, id: string): Promise<Assignment> {
    const assignment = await load(id);
    await policy.assertStaff(actor, assignment.course_id);
    return assignment;
  }

  async function checkLesson(lessonId: string | null | undefined, courseId: string): Promise<void> {
    if (!lessonId) return;
    const lesson = await catalog.getLessonSummary(lessonId);
    if (!lesson || lesson.course_id !== courseId) throw invalid('The lesson is not part of this course', 'lesson_id');
  }

  function values(input: AssignmentPatch) {
    if (input.title !== undefined && input.title.trim() === '') throw invalid('Title must not be empty', 'title');
    const out = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as AssignmentPatch;
    if (out.title) out.title = out.title.trim();
    return out;
  }

  async function publishSubmitted(tx: Tx, assignment: Assignment, submission: Submission): Promise<void> {
    await events.publish(tx, 'assessment.submission.created', {
      submission_id: submission.id,
      assignment_id: assignment.id,
      course_id: assignment.course_id,
      user_id: submission.user_id,
      is_late: submission.is_late,
      submission_count: submission.submission_count,
    });
  }

  async function submissionForReader(
    actor: Actor,
    id: string,
  ): Promise<{ submission: Submission; assignment: Assignment }> {
    const submission = await assignmentRepo.findSubmission(db, id);
    if (!submission) throw notFound('Submission', id);
    const assignment = await load(submission.assignment_id);
    if (submission.user_id !== actor.id && !(await policy.isStaff(actor, assignment.course_id)))
      throw notFound('Submission', id);
    return { submission, assignment };
  }

  return {
    /** Assignments due in (from, to] and who has handed each in (notifications' due reminders). */
    async listDueBetween(from: Date, to: Date, executor: Executor = db) {
      const due = await assignmentRepo.listDueBetween(executor, from, to);
      return Promise.all(
        due.map(async (assignment) => ({
          ...assignment,
          due_at: assignment.due_at!,
          submitter_ids: await assignmentRepo.submitterIds(executor, assignment.id),
        })),
      );
    },

    async listForCourse(actor: Actor, courseId: string, page: PageRequest): Promise<Paged<Assignment>> {
      if (!(await catalog.getCourseSummary(courseId))) throw notFound('Course', courseId);
      await assertReader(actor, courseId);
      return assignmentRepo.listForCourse(db, courseId, page);
    },

    /** Every assignment of the courses the actor teaches (all courses for an admin). */
    async listForTeacher(actor: Actor, page: PageRequest): Promise<Paged<Assignment>> {
      return assignmentRepo.listForCourses(db, await policy.teachingScope(actor), page);
    },

    async get(actor: Actor, id: string): Promise<Assignment> {
      const assignment = await load(id);
      await assertReader(actor, assignment.course_id);
      return assignment;
    },

    async create(actor: Actor, courseId: string, input: AssignmentInput): Promise<Assignment> {
      await policy.courseForStaff(actor, courseId);
      const clean = values(input);
      await checkLesson(clean.lesson_id, courseId);
      const id = await translateDbErrors(() =>
        assignmentRepo.insert(
          db,
          { ...clean, course_id: courseId, title: clean.title ?? input.title, created_by: actor.id },
          clock.now(),
        ),
      );
      return load(id);
    },

    async update(actor: Actor, id: string, patch: AssignmentPatch): Promise<Assignment> {
      const assignment = await forStaff(actor, id);
      const clean = values(patch);
      await checkLesson(clean.lesson_id, assignment.course_id);
      await translateDbErrors(() => assignmentRepo.update(db, id, clean, clock.now()));
      return load(id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await forStaff(actor, id);
      await assignmentRepo.remove(db, id);
    },

    /** First submission or resubmission; `created` tells which. */
    async submit(
      actor: Actor,
      id: string,
      input: SubmissionInput,
    ): Promise<{ submission: Submission; created: boolean }> {
      const assignment = await load(id);
      if (!(await policy.isEnrolled(actor, assignment.course_id))) throw notEnrolled();
      const content = input.content?.trim() ? input.content : null;
      const fileId = input.file_id ?? null;
      if (!content && !fileId) throw invalid('Submit text, a file, or both', 'content');
      // Only the uploader's own files may be attached (the files module says not found otherwise).
      if (fileId) await files.getFileForActor(actor, fileId);
      const now = clock.now();
      const late = assignment.due_at !== null && now.getTime() > assignment.due_at.getTime();
      try {
        return await database.transaction(async (tx) => {
          const existing = await assignmentRepo.findSubmissionOf(tx, id, actor.id, true);
          if (existing) {
            if (existing.status === 'graded')
              throw submissionClosed('This submission has been graded; it cannot be changed');
            // A returned submission may be reworked whatever the date; otherwise only before the due date.
            if (late && existing.status !== 'returned') throw lateRefused();
            const resubmitted = await assignmentRepo.resubmit(
              tx,
              existing.id,
              { content, file_id: fileId, is_late: late },
              now,
            );
            await publishSubmitted(tx, assignment, resubmitted);
            return { submission: resubmitted, created: false };
          }
          if (late && assignment.late_policy === 'refuse') throw lateRefused();
          const submission = await assignmentRepo.insertSubmission(
            tx,
            { assignment_id: id, user_id: actor.id, content, file_id: fileId, is_late: late },
            now,
          );
          await publishSubmitted(tx, assignment, submission);
          return { submission, created: true };
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw submissionClosed('Another submission of this assignment was made at the same moment; try again');
        throw error;
      }
    },

    async listSubmissions(
      actor: Actor,
      id: string,
      filter: { status?: SubmissionStatus | undefined },
      page: PageRequest,
    ): Promise<Paged<Submission>> {
      await forStaff(actor, id);
      return assignmentRepo.listSubmissions(db, id, filter, page);
    },

    async mySubmission(actor: Actor, id: string): Promise<Submission> {
      const assignment = await load(id);
      await assertReader(actor, assignment.course_id);
      const submission = await assignmentRepo.findSubmissionOf(db, id, actor.id);
      if (!submission) throw notFound('Submission for assignment', id);
      return submission;
    },

    async getSubmission(actor: Actor, id: string): Promise<Submission> {
      return (await submissionForReader(actor, id)).submission;
    },

    async grade(actor: Actor, id: string, input: SubmissionGradeInput): Promise<Submission> {
      const { submission, assignment } = await submissionForReader(actor, id);
      if (!(await policy.isStaff(actor, assignment.course_id)))
        throw forbidden('Only the course instructors or an admin may grade');
      if (input.score > assignment.max_score)
        throw invalid(`Score must not exceed the maximum of ${assignment.max_score}`, 'score');
      const penalty =
        submission.is_late && assignment.late_policy === 'penalize' ? assignment.late_penalty_percentage : 0;
      const finalScore = round2(input.score * (1 - penalty / 100));
      return database.transaction(async (tx) => {
        const locked = await assignmentRepo.findSubmission(tx, id, true);
        if (!locked) throw notFound('Submission', id);
        const status = input.status ?? 'graded';
        const graded = await assignmentRepo.grade(
          tx,
          id,
          {
            status,
            score: input.score,
            final_score: finalScore,
            feedback: input.feedback ?? null,
            graded_by: actor.id,
          },
          clock.now(),
        );
        await events.publish(tx, 'assessment.submission.graded', {
          submission_id: graded.id,
          assignment_id: assignment.id,
          course_id: assignment.course_id,
          user_id: graded.user_id,
          status,
          score: input.score,
          final_score: finalScore,
          graded_by: actor.id,
        });
        return graded;
      });
    },
  };
}

export type AssignmentService = ReturnType<typeof createAssignmentService>;
