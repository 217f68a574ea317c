// Scheduled reminders, every quarter of an hour: students who have not handed in an assignment
// due within the next 24 hours get `assignment_due`; the active students of a course whose weekly
// session (004's schedule) starts within the hour get `lesson_reminder`. Each person once per
// assignment or session (a claimed row in notification_reminders, in the transaction that queues
// the mail, so a job that runs again or twice at once reminds nobody twice). Preferences apply.
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/index.ts';
import type { Links } from '../../platform/links.ts';
import type { Queue } from '../../platform/queue/index.ts';
import type { NotificationsPorts } from './notifications.ports.ts';
import type { SendResult, SystemSendInput } from './notifications.types.ts';
import { reminderRepo } from './reminder.repo.ts';
import { sessionsStartingWithin } from './session-slots.ts';

export const ASSIGNMENT_DUE_JOB = 'notifications.assignment-due';
export const LESSON_REMINDER_JOB = 'notifications.lesson-reminder';
const DUE_WITHIN_MS = 24 * 60 * 60 * 1000;
const SESSION_WITHIN_MS = 60 * 60 * 1000;

const readableTime = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export interface ReminderDeps extends NotificationsPorts {
  database: DatabaseHandle;
  clock: Clock;
  queue: Queue;
  links: Pick<Links, 'page'>;
  sendAsSystem(tx: Tx, input: SystemSendInput): Promise<SendResult>;
}

export function defineReminderJobs(deps: ReminderDeps): void {
  const { database, clock, queue, identity, catalog, learning, assessment, links } = deps;

  queue.define({
    name: ASSIGNMENT_DUE_JOB,
    cron: '*/15 * * * *',
    retryLimit: 3,
    async handle() {
      const now = clock.now();
      const due = await assessment.listAssignmentsDueBetween(now, new Date(now.getTime() + DUE_WITHIN_MS));
      for (const assignment of due) {
        await database.transaction(async (tx) => {
          const submitted = new Set(assignment.submitter_ids);
          const waiting = (await learning.activeStudentIds(assignment.course_id, tx)).filter(
            (id) => !submitted.has(id),
          );
          if (waiting.length === 0) return;
          const course = await catalog.getCourseSummary(assignment.course_id, tx);
          for (const user of await identity.getUserSummaries(waiting, tx)) {
            if (!user.is_active || !user.email) continue;
            if (!(await reminderRepo.claim(tx, 'assignment_due', assignment.id, user.id, now))) continue;
            await deps.sendAsSystem(tx, {
              channel: 'email',
              recipient: user.email,
              template: 'assignment_due',
              data: {
                user_name: user.full_name,
                assignment_title: assignment.title,
                course_title: course?.title ?? null,
                due_at: readableTime(assignment.due_at),
                assignment_link: links.page(`/courses/${assignment.course_id}/assignments/${assignment.id}`),
              },
            });
          }
        });
      }
    },
  });

  queue.define({
    name: LESSON_REMINDER_JOB,
    cron: '*/15 * * * *',
    retryLimit: 3,
    async handle() {
      const now = clock.now();
      for (const course of await catalog.listScheduledCourses()) {
        for (const startsAt of sessionsStartingWithin(course.schedule, now, SESSION_WITHIN_MS)) {
          await database.transaction(async (tx) => {
            const students = await learning.activeStudentIds(course.id, tx);
            for (const user of await identity.getUserSummaries(students, tx)) {
              if (!user.is_active || !user.email) continue;
              const key = `${course.id}@${startsAt.toISOString()}`;
              if (!(await reminderRepo.claim(tx, 'lesson_reminder', key, user.id, now))) continue;
              await deps.sendAsSystem(tx, {
                channel: 'email',
                recipient: user.email,
                template: 'lesson_reminder',
                data: {
                  user_name: user.full_name,
                  course_title: course.title,
                  starts_at: readableTime(startsAt),
                  lesson_link: links.page(`/courses/${course.id}`),
                },
              });
            }
          });
        }
      }
    },
  });
}
