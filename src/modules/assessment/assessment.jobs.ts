// Queue handlers the assessment module owns.
import type { Queue } from '../../platform/queue/index.ts';
import type { AttemptService } from './attempt.service.ts';
import { CLOSE_ATTEMPT_JOB } from './attempt.service.ts';

export function defineAssessmentJobs(queue: Queue, attempts: Pick<AttemptService, 'closeIfExpired'>): void {
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
