// Mail transport: sends one message over SMTP when SMTP_URL is set, else into the dev outbox
// table. Never called inside a request: the notifications module's delivery job calls it, and
// records the outcome so a retried job does not send twice.
import type { Transporter } from 'nodemailer';

import type { Config } from '../../config.ts';
import type { OutboxStore } from '../outbox/index.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** A message as the transport sends it: a stable Message-ID and extra headers (List-Unsubscribe). */
export interface OutgoingMail extends MailMessage {
  messageId?: string;
  headers?: Record<string, string>;
}

/** Sends one message now (SMTP, or the dev outbox); callers that record outcomes use it directly. */
export interface MailTransport {
  deliver(message: OutgoingMail): Promise<void>;
}

export function createMailTransport(settings: Config['mail'], outbox: OutboxStore): MailTransport {
  // nodemailer is loaded with the first mail, and only when SMTP is configured.
  let smtp: Promise<Transporter> | undefined;
  const transport = (url: string) =>
    (smtp ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(url)));
  return {
    async deliver(message) {
      if (settings.kind === 'smtp') {
        await (
          await transport(settings.url)
        ).sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          ...(message.messageId ? { messageId: message.messageId } : {}),
          ...(message.headers ? { headers: message.headers } : {}),
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
  };
}
