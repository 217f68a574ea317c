// Names shared by the webhook service and its delivery job.
export const WEBHOOK_DELIVER_JOB = 'notifications.webhook';
