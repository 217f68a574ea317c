// Queue handlers the assessment module owns.
import type { Queue } from '../../platform/queue/index.ts';
import type { AttemptService } from './attempt.service.ts';
import { CLOSE_ATTEMPT_JOB, CLOSE_EXPIRED_ATTEMPTS_JOB } from './attempt.service.ts';

export function defineAssessmentJobs(
  queue: Queue,
  attempts: Pick<AttemptService, 'closeIfExpired' | 'closeExpired'>,
): void {
  // One sweeper instead of a job per attempt: every minute (once across processes), every open
  // attempt past its deadline is closed and graded. Saves and submits check the deadline themselves.
  queue.define<object>({
    name: CLOSE_EXPIRED_ATTEMPTS_JOB,
    cron: '* * * * *',
    handle: async () => {
      await attempts.closeExpired();
    },
    retryLimit: 2,
    retryDelaySeconds: 5,
    expireInSeconds: 120,
  });
  // Per-attempt jobs queued before the sweeper existed still run once and close their attempt.
  queue.define<{ attemptId: string }>({
    name: CLOSE_ATTEMPT_JOB,
    handle: async ({ attemptId }) => {
      await attempts.closeIfExpired(attemptId);
    },
    retryLimit: 10,
    retryDelaySeconds: 5,
    expireInSeconds: 120,
    batchSize: 50,
  });
}
