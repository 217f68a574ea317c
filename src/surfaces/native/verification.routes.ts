// Native endpoints for what 001 lacks: email verification, password reset, email change.
// "Send me a link" endpoints answer 202 with the same body whether or not the account exists.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { clientOf, publicAuthConfig } from '../kit/requests.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Detail } from './common.schemas.ts';
import { toUserOut } from './serializers/user.ts';
import { UserOut } from './users.schemas.ts';
import { EmailBody, EmailChangeBody, Message, ResetConfirmBody, TokenBody } from './verification.schemas.ts';

const SENT_IF_EXISTS = 'If an account exists for this address, a mail is on its way';

export function verificationRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const publicAuth = publicAuthConfig(config);
    const tags = ['auth'];
    const withLock = { 423: Detail };

    app.post(
      '/auth/verify-email',
      { config: publicAuth, schema: { tags, body: TokenBody, response: { 200: Message, ...withLock } } },
      async (request) => {
        await identity.verifyEmail(request.body.token, undefined, clientOf(request));
        return { message: 'Email verified successfully' };
      },
    );

    app.post(
      '/auth/verify-email/resend',
      { config: publicAuth, schema: { tags, body: EmailBody, response: { 202: Message } } },
      async (request, reply) => {
        await identity.resendVerification(request.body.email);
        return reply.status(202).send({ message: SENT_IF_EXISTS });
      },
    );

    app.post(
      '/auth/password-reset/request',
      { config: publicAuth, schema: { tags, body: EmailBody, response: { 202: Message } } },
      async (request, reply) => {
        await identity.requestPasswordReset(request.body.email);
        return reply.status(202).send({ message: SENT_IF_EXISTS });
      },
    );

    app.post(
      '/auth/password-reset/confirm',
      { config: publicAuth, schema: { tags, body: ResetConfirmBody, response: { 200: Message, ...withLock } } },
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
          tags: ['users'],
          body: EmailChangeBody,
          response: { 202: Message },
        },
      },
      async (request, reply) => {
        await identity.requestEmailChange(actorOf(request), request.body.new_email);
        return reply.status(202).send({ message: 'Confirm the change with the link sent to the new address' });
      },
    );

    app.post(
      '/auth/email-change/confirm',
      { config: publicAuth, schema: { tags, body: TokenBody, response: { 200: UserOut, ...withLock } } },
      async (request) => toUserOut(await identity.confirmEmailChange(request.body.token, clientOf(request))),
    );
  };
}
