// Native endpoints for what 001 lacks: email verification, password reset, email change.
// "Send me a link" endpoints answer 202 with the same body whether or not the account exists.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { clientOf, publicAuthConfig } from '../kit/requests.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Detail } from './common.schemas.ts';
import { toUserOut } from './serializers/user.ts';
import { UserOut } from './users.schemas.ts';
import { EmailBody, EmailChangeBody, Message, ResetConfirmBody, TokenBody } from './verification.schemas.ts';

const SENT_IF_EXISTS = 'If an account exists for this address, a mail is on its way';
const TOKEN_NOTE =
  'Tokens come from the link in the mail; each works once. A wrong token counts as a failed attempt of the client address.';

export function verificationRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const publicAuth = publicAuthConfig(config);
    const tags = ['auth'];
    const withLock = { 423: Detail };

    app.post(
      '/auth/verify-email',
      {
        config: publicAuth,
        schema: {
          operationId: 'verifyEmail',
          summary: 'Verify my email address',
          description: `Marks the address verified with the token of the welcome or verification mail (valid 24 hours). ${TOKEN_NOTE}`,
          tags,
          body: TokenBody,
          response: { 200: Described(Message, 'The address is verified.'), ...withLock },
        },
      },
      async (request) => {
        await identity.verifyEmail(request.body.token, undefined, clientOf(request));
        return { message: 'Email verified successfully' };
      },
    );

    app.post(
      '/auth/verify-email/resend',
      {
        config: publicAuth,
        schema: {
          operationId: 'resendVerificationEmail',
          summary: 'Mail me a new verification link',
          description:
            'Sends a new link when the account exists and is not verified yet. The answer is the same either way, so it reveals no account; at most one mail a minute goes out.',
          tags,
          body: EmailBody,
          response: { 202: Described(Message, 'Accepted; a mail follows if the account exists.') },
        },
      },
      async (request, reply) => {
        await identity.resendVerification(request.body.email);
        return reply.status(202).send({ message: SENT_IF_EXISTS });
      },
    );

    app.post(
      '/auth/password-reset/request',
      {
        config: publicAuth,
        schema: {
          operationId: 'requestPasswordReset',
          summary: 'Mail me a password reset link',
          description:
            'Sends a reset link (valid one hour) when the account exists and may sign in. The answer is the same either way, so it reveals no account; at most one mail a minute goes out.',
          tags,
          body: EmailBody,
          response: { 202: Described(Message, 'Accepted; a mail follows if the account exists.') },
        },
      },
      async (request, reply) => {
        await identity.requestPasswordReset(request.body.email);
        return reply.status(202).send({ message: SENT_IF_EXISTS });
      },
    );

    app.post(
      '/auth/password-reset/confirm',
      {
        config: publicAuth,
        schema: {
          operationId: 'confirmPasswordReset',
          summary: 'Set a new password with a reset token',
          description: `Sets the password, lifts a lockout of the account and ends every session (sign in again). ${TOKEN_NOTE}`,
          tags,
          body: ResetConfirmBody,
          response: { 200: Described(Message, 'The password is changed.'), ...withLock },
        },
      },
      async (request) => {
        await identity.confirmPasswordReset(request.body.token, request.body.new_password, clientOf(request));
        return { message: 'Password updated successfully' };
      },
    );

    app.post(
      '/users/me/email',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'requestEmailChange',
          summary: 'Change my email address',
          description:
            'Mails a confirmation link (valid 24 hours) to the new address; the change happens when `POST /auth/email-change/confirm` receives its token. 409 when another account has the address.',
          tags: ['users'],
          body: EmailChangeBody,
          response: { 202: Described(Message, 'The confirmation mail is on its way.') },
        },
      },
      async (request, reply) => {
        await identity.requestEmailChange(actorOf(request), request.body.new_email);
        return reply.status(202).send({ message: 'Confirm the change with the link sent to the new address' });
      },
    );

    app.post(
      '/auth/email-change/confirm',
      {
        config: publicAuth,
        schema: {
          operationId: 'confirmEmailChange',
          summary: 'Confirm an email change',
          description: `Applies the change: the new address counts as verified and the old one is told. ${TOKEN_NOTE}`,
          tags,
          body: TokenBody,
          response: { 200: Described(UserOut, 'The account with its new address.'), ...withLock },
        },
      },
      async (request) => toUserOut(await identity.confirmEmailChange(request.body.token, clientOf(request))),
    );
  };
}
