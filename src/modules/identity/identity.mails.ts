// Mail and SMS templates of the identity module: plain text plus a minimal HTML twin. Links
// point at PUBLIC_URL, where the front end reads the token and calls the API.
import type { MailMessage } from '../../platform/mail/index.ts';

export function welcomeMail({
  to,
  name,
  publicUrl,
  verifyUrl,
}: {
  to: string;
  name: string;
  publicUrl: string;
  verifyUrl?: string;
}): MailMessage {
  const greeting = name ? `Hello ${name},` : 'Hello,';
  const verifyText = verifyUrl
    ? `\n\nPlease confirm your email address: ${verifyUrl}\nThe link is valid for 24 hours.`
    : '';
  const verifyHtml = verifyUrl
    ? `<p>Please confirm your email address: <a href="${escapeHtml(verifyUrl)}">${escapeHtml(verifyUrl)}</a></p>`
    : '';
  const text = `${greeting}\n\nWelcome to Lectern. Your account is ready: ${publicUrl}${verifyText}\n\nThe Lectern team`;
  return {
    to,
    subject: 'Welcome to Lectern',
    text,
    html: `<p>${escapeHtml(greeting)}</p><p>Welcome to Lectern. Your account is ready: <a href="${escapeHtml(publicUrl)}">${escapeHtml(publicUrl)}</a></p>${verifyHtml}`,
  };
}

export function verificationMail({ to, url }: { to: string; url: string }): MailMessage {
  return linkMail(to, 'Confirm your email address', 'Please confirm your email address for Lectern:', url, '24 hours');
}

export function passwordResetMail({ to, url }: { to: string; url: string }): MailMessage {
  return linkMail(
    to,
    'Reset your Lectern password',
    'Someone asked to reset the password of your Lectern account. If it was you, choose a new password here:',
    url,
    '1 hour',
    'If it was not you, ignore this mail; your password stays as it is.',
  );
}

export function emailChangeMail({ to, url }: { to: string; url: string }): MailMessage {
  return linkMail(
    to,
    'Confirm your new email address',
    'Confirm that this address should become the email of your Lectern account:',
    url,
    '24 hours',
  );
}

export function emailChangedNotice({ to, newEmail }: { to: string; newEmail: string }): MailMessage {
  const text = `Hello,\n\nThe email address of your Lectern account was changed to ${newEmail}. If you did not do this, contact an administrator at once.\n\nThe Lectern team`;
  return {
    to,
    subject: 'Your Lectern email address was changed',
    text,
    html: `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`,
  };
}

export const smsCodeText = (code: string, minutes: number) =>
  `Your Lectern code is ${code}. It expires in ${minutes} minutes. Never share it.`;

function linkMail(to: string, subject: string, intro: string, url: string, validity: string, outro = ''): MailMessage {
  const text = `Hello,\n\n${intro}\n${url}\n\nThe link is valid for ${validity} and works once.${outro ? `\n${outro}` : ''}\n\nThe Lectern team`;
  const html = `<p>Hello,</p><p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p><p>The link is valid for ${validity} and works once.${outro ? ` ${escapeHtml(outro)}` : ''}</p>`;
  return { to, subject, text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
