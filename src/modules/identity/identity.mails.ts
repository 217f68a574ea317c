// The mails of the identity module, sent as notifications: the notifications module's templates,
// queued inside identity's own transactions, delivered with its status and once-only guarantee.
// Links point at PUBLIC_URL (or APP_URL), where the front end reads the token and calls the API;
// mails carrying such a one-time link are confidential (no in-app feed, redacted for admins).
import type { Tx } from '../../platform/db/index.ts';

/** What identity needs of the notifications module (built after it, so handed in late). */
export interface NotificationsPort {
  sendAsSystem(
    tx: Tx,
    input: {
      channel: 'email';
      recipient: string;
      template: string;
      data: Record<string, unknown>;
      confidential?: boolean;
    },
  ): Promise<unknown>;
}

export function createIdentityMails(notifications: NotificationsPort) {
  const mail = (tx: Tx, to: string, template: string, data: Record<string, unknown>, confidential: boolean) =>
    notifications.sendAsSystem(tx, { channel: 'email', recipient: to, template, data, confidential });
  return {
    welcome: (tx: Tx, { to, name, verifyUrl }: { to: string; name: string; verifyUrl: string }) =>
      mail(tx, to, 'welcome_email', { user_name: name, activation_link: verifyUrl }, true),
    verification: (tx: Tx, { to, url }: { to: string; url: string }) =>
      mail(tx, to, 'email_verification', { verification_link: url, expires_in: '24 hours' }, true),
    passwordReset: (tx: Tx, { to, url }: { to: string; url: string }) =>
      mail(tx, to, 'password_reset', { reset_link: url, expires_in: '1 hour' }, true),
    emailChange: (tx: Tx, { to, url }: { to: string; url: string }) =>
      mail(tx, to, 'email_change', { confirm_link: url, expires_in: '24 hours' }, true),
    emailChanged: (tx: Tx, { to, newEmail }: { to: string; newEmail: string }) =>
      mail(tx, to, 'email_changed', { new_email: newEmail }, false),
  };
}

export type IdentityMails = ReturnType<typeof createIdentityMails>;

export const smsCodeText = (code: string, minutes: number) =>
  `Your Lectern code is ${code}. It expires in ${minutes} minutes. Never share it.`;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
