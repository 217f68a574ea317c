// Mail templates of the identity module: plain text plus a minimal HTML twin.
import type { MailMessage } from '../../platform/mail/index.ts';

export function welcomeMail({ to, name, publicUrl }: { to: string; name: string; publicUrl: string }): MailMessage {
  const greeting = name ? `Hello ${name},` : 'Hello,';
  const text = `${greeting}\n\nWelcome to Lectern. Your account is ready: ${publicUrl}\n\nThe Lectern team`;
  return { to, subject: 'Welcome to Lectern', text, html: `<p>${escapeHtml(greeting)}</p><p>Welcome to Lectern. Your account is ready: <a href="${escapeHtml(publicUrl)}">${escapeHtml(publicUrl)}</a></p>` };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
