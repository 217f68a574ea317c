// Mail: messages are enqueued (inside the caller's transaction) and delivered by a queue job,
// over SMTP when SMTP_URL is set, else into the dev outbox table. Never sent inside a request.
import nodemailer from 'nodemailer';

import type { Config } from '../../config.ts';
import type { Tx } from '../db/index.ts';
import type { OutboxStore } from '../outbox/index.ts';
import type { Queue } from '../queue/index.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailSender {
  /** Enqueues a message; with `tx` it is sent only if that transaction commits. */
  send(message: MailMessage, tx?: Tx): Promise<void>;
}

export const MAIL_JOB = 'mail.deliver';

export function createMail(settings: Config['mail'], queue: Queue, outbox: OutboxStore): MailSender {
  const transport = settings.kind === 'smtp' ? nodemailer.createTransport(settings.url) : undefined;

  queue.define<MailMessage>({
    name: MAIL_JOB,
    retryLimit: 8,
    retryDelaySeconds: 5,
    async handle(message) {
      if (transport) {
        await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
        });
      } else {
        await outbox.add({
          channel: 'email',
          recipient: message.to,
          subject: message.subject,
          body_text: message.text,
          body_html: message.html ?? null,
        });
      }
    },
  });

  return {
    async send(message, tx) {
      await queue.send(MAIL_JOB, message, tx ? { tx } : {});
    },
  };
}
