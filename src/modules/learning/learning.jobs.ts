// Queue handlers the learning module owns.
import type { Queue } from '../../platform/queue/index.ts';
import type { CertificateService } from './certificate.service.ts';
import { CERTIFICATE_PDF_JOB } from './certificate.service.ts';

export function defineLearningJobs(queue: Queue, certificates: Pick<CertificateService, 'renderPdf'>): void {
  queue.define<{ certificateId: string }>({
    name: CERTIFICATE_PDF_JOB,
    handle: ({ certificateId }) => certificates.renderPdf(certificateId),
    retryLimit: 5,
    retryDelaySeconds: 5,
    expireInSeconds: 120,
    batchSize: 5,
  });
}
