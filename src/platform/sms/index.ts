// SMS: messages are enqueued (inside the caller's transaction) and delivered by a queue job,
// POSTed as JSON {to, body} to SMS_WEBHOOK_URL when set, else into the dev outbox table.
// Never sent inside a request.
import type { Config } from '../../config.ts';
import type { Tx } from '../db/index.ts';
import type { OutboxStore } from '../outbox/index.ts';
import type { Queue } from '../queue/index.ts';

export interface SmsMessage {
  /** E.164 phone number. */
  to: string;
  body: string;
}

export interface SmsSender {
  /** Enqueues a message; with `tx` it is sent only if that transaction commits. */
  send(message: SmsMessage, tx?: Tx): Promise<void>;
}

export const SMS_JOB = 'sms.deliver';
const WEBHOOK_TIMEOUT_MS = 10_000;

/** Sends one message now (webhook, or the dev outbox); callers that record outcomes use it directly. */
export interface SmsTransport {
  deliver(message: SmsMessage): Promise<void>;
}

export function createSmsTransport(settings: Config['sms'], outbox: OutboxStore): SmsTransport {
  return {
    async deliver(message) {
      if (settings.kind === 'webhook') {
        const response = await fetch(settings.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ to: message.to, body: message.body }),
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        // Drain the body so the connection is reused; its content does not matter.
        await response.arrayBuffer().catch(() => undefined);
        // The error names the status only: the message body carries one-time codes.
        if (!response.ok) throw new Error(`SMS webhook answered ${response.status}`);
      } else {
        await outbox.add({
          channel: 'sms',
          recipient: message.to,
          subject: null,
          body_text: message.body,
          body_html: null,
        });
      }
    },
  };
}

export function createSms(settings: Config['sms'], queue: Queue, outbox: OutboxStore): SmsSender {
  const transport = createSmsTransport(settings, outbox);
  queue.define<SmsMessage>({
    name: SMS_JOB,
    retryLimit: 8,
    retryDelaySeconds: 5,
    async handle(message) {
      await transport.deliver(message);
    },
  });

  return {
    async send(message, tx) {
      await queue.send(SMS_JOB, message, tx ? { tx } : {});
    },
  };
}
