// Lectern's own pages for the links in its mails (verify an address, reset a password, confirm an
// email change), served when no frontend is configured (APP_URL unset), so the flow works out of
// the box. Plain HTML forms, no script: opening the link only shows a button, and the token is
// spent by the POST, so a mail scanner that prefetches links cannot use it up.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';

import { escapeHtml } from '../modules/identity/identity.mails.ts';
import { DomainError } from '../platform/errors.ts';
import { Described } from '../surfaces/kit/schemas.ts';

export interface PagesIdentity {
  verifyEmail(token: string, email: string | undefined, client: { ip?: string }): Promise<unknown>;
  confirmPasswordReset(token: string, password: string, client: { ip?: string }): Promise<unknown>;
  confirmEmailChange(token: string, client: { ip?: string }): Promise<unknown>;
}

const Html = Type.Unsafe<string>({ type: 'string', description: 'An HTML page.' });
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 512 })) });
const TokenForm = Type.Object({ token: Type.String({ maxLength: 512 }) });
const ResetForm = Type.Object({
  token: Type.String({ maxLength: 512 }),
  new_password: Type.String({ maxLength: 256 }),
});
const pageResponses = (ok: string) => ({
  200: Described(Html, ok),
  400: Described(Html, 'The link is invalid, used or expired, or the password breaks a rule: the page says which.'),
});

export function pagesRoutes(options: {
  identity: PagesIdentity;
  rateLimit: { max: number; timeWindow: number };
}): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Browsers post forms urlencoded; only this scope accepts that content type.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    const config = { auth: 'public' as const, rateLimit: options.rateLimit };
    const tags = ['pages'];

    for (const page of PAGES) {
      app.get(
        page.path,
        {
          config,
          schema: {
            operationId: `${page.id}Page`,
            summary: page.getSummary,
            description: 'A built-in page for the link of a mail (served when APP_URL is unset). It shows a form.',
            tags,
            querystring: TokenQuery,
            produces: ['text/html'],
            response: pageResponses('The form.'),
          },
        },
        async (request, reply) => {
          const token = request.query.token;
          if (!token) html(reply, 400, page.title, '<p>This link has no token. Open the link from the mail again.</p>');
          else html(reply, 200, page.title, page.form(token));
        },
      );
    }

    app.post(
      '/verify-email',
      {
        config,
        schema: {
          operationId: 'verifyEmailForm',
          summary: 'Verify an email address (built-in page)',
          tags,
          consumes: ['application/x-www-form-urlencoded'],
          body: TokenForm,
          produces: ['text/html'],
          response: pageResponses('The address is verified.'),
        },
      },
      async (request, reply) => {
        await outcome(reply, 'Email verification', 'Your email address is verified. You can close this page.', () =>
          options.identity.verifyEmail(request.body.token, undefined, { ip: request.ip }),
        );
      },
    );

    app.post(
      '/reset-password',
      {
        config,
        schema: {
          operationId: 'resetPasswordForm',
          summary: 'Set a new password (built-in page)',
          tags,
          consumes: ['application/x-www-form-urlencoded'],
          body: ResetForm,
          produces: ['text/html'],
          response: pageResponses('The password is changed.'),
        },
      },
      async (request, reply) => {
        await outcome(
          reply,
          'Password reset',
          'Your password is changed and every session has ended. Sign in with the new password.',
          () =>
            options.identity.confirmPasswordReset(request.body.token, request.body.new_password, { ip: request.ip }),
          resetForm(request.body.token),
        );
      },
    );

    app.post(
      '/confirm-email-change',
      {
        config,
        schema: {
          operationId: 'confirmEmailChangeForm',
          summary: 'Confirm an email change (built-in page)',
          tags,
          consumes: ['application/x-www-form-urlencoded'],
          body: TokenForm,
          produces: ['text/html'],
          response: pageResponses('The email address is changed.'),
        },
      },
      async (request, reply) => {
        await outcome(reply, 'Email change', 'Your new email address is confirmed. You can close this page.', () =>
          options.identity.confirmEmailChange(request.body.token, { ip: request.ip }),
        );
      },
    );
  };
}

const PAGES = [
  {
    id: 'verifyEmail',
    path: '/verify-email',
    title: 'Email verification',
    getSummary: 'Show the email verification page',
    form: (token: string) => tokenForm('/verify-email', token, 'Confirm my email address'),
  },
  {
    id: 'resetPassword',
    path: '/reset-password',
    title: 'Password reset',
    getSummary: 'Show the password reset page',
    form: (token: string) => resetForm(token),
  },
  {
    id: 'confirmEmailChange',
    path: '/confirm-email-change',
    title: 'Email change',
    getSummary: 'Show the email change confirmation page',
    form: (token: string) => tokenForm('/confirm-email-change', token, 'Confirm my new email address'),
  },
];

/** Runs the use case; a domain error (bad token, weak password) becomes a 400 page saying why. */
async function outcome(
  reply: FastifyReply,
  title: string,
  success: string,
  run: () => Promise<unknown>,
  retryForm = '',
): Promise<void> {
  try {
    await run();
  } catch (error) {
    // Locked and rate-limited answers keep their own status and headers (Retry-After).
    if (!(error instanceof DomainError) || error.kind === 'locked' || error.kind === 'rate_limited') throw error;
    html(reply, 400, title, `<p class="error">${escapeHtml(error.message)}</p>${retryForm}`);
    return;
  }
  html(reply, 200, title, `<p class="ok">${escapeHtml(success)}</p>`);
}

function tokenForm(action: string, token: string, button: string): string {
  return `<form method="post" action="${action}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${escapeHtml(button)}</button></form>`;
}

function resetForm(token: string): string {
  return `<form method="post" action="/reset-password"><input type="hidden" name="token" value="${escapeHtml(token)}"><label>New password <input type="password" name="new_password" autocomplete="new-password" required minlength="8"></label><p class="hint">At least 8 characters with upper and lower case letters and a digit.</p><button type="submit">Set my new password</button></form>`;
}

function html(reply: FastifyReply, status: number, title: string, body: string): void {
  void reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Lectern</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}.error{color:#a00}.ok{color:#070}.hint{color:#555;font-size:.9em}input[type=password]{display:block;width:100%;padding:.4rem;margin:.3rem 0}button{padding:.5rem 1rem}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}
