// 001's /auth endpoints.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { clientOf, publicAuthConfig } from '../kit/requests.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { LoginBody, RefreshBody, RegisterBody, Tokens } from './auth.schemas.ts';
import { Detail } from './common.schemas.ts';
import { loginInput, toTokensOut } from './serializers/auth.ts';

/** How lockout shows on the sign-in paths. */
export const LOCKOUT_NOTE =
  'Failed attempts count against the account and the client address; past the threshold both are refused with 423 and `Retry-After` for a fixed window.';

export function authRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const publicAuth = publicAuthConfig(config);
    const tags = ['auth'];

    app.post(
      '/auth/register',
      {
        config: { ...publicAuth, location: '/users/me' },
        schema: {
          operationId: 'register',
          summary: 'Create an account',
          description:
            'Creates a student account and signs it in. A welcome mail carries the email verification link. Passwords need 8 characters or more with an uppercase letter, a lowercase letter and a digit, and must not be a common password.',
          tags,
          body: RegisterBody,
          response: { 201: Described(Tokens, 'The account is created and signed in.') },
        },
      },
      async (request, reply) => {
        const pair = await identity.register(request.body, clientOf(request));
        return reply.status(201).send(toTokensOut(pair));
      },
    );

    app.post(
      '/auth/login',
      {
        config: publicAuth,
        schema: {
          operationId: 'login',
          summary: 'Sign in with email and password',
          description: `Accounts with two-factor authentication answer 401 \`IDENTITY_MFA_REQUIRED\` here: sign them in with \`POST /auth/mfa/login\`. \`remember_me\` keeps the session longer (30 days rather than 7, by default). ${LOCKOUT_NOTE}`,
          tags,
          body: LoginBody,
          response: { 200: Described(Tokens, 'Signed in.'), 423: Detail },
        },
      },
      async (request) => toTokensOut(await identity.login(loginInput(request.body), clientOf(request))),
    );

    app.post(
      '/auth/refresh',
      {
        config: publicAuth,
        schema: {
          operationId: 'refreshTokens',
          summary: 'Exchange a refresh token for new tokens',
          description:
            'Refresh tokens rotate: each is accepted once and the answer carries its successor. Presenting a used token again (after a short grace period) revokes the whole session, as it was probably stolen.',
          tags,
          body: RefreshBody,
          response: { 200: Described(Tokens, 'A new access token and refresh token.'), 423: Detail },
        },
      },
      async (request) => toTokensOut(await identity.refresh(request.body.refresh_token, clientOf(request))),
    );

    app.post(
      '/auth/logout',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'logout',
          summary: 'Sign out',
          description: "Ends the caller's session: its refresh token and access tokens stop working at once.",
          tags,
          response: { 204: Described(NoContent, 'Signed out.') },
        },
      },
      async (request, reply) => {
        await identity.logout(actorOf(request));
        return reply.status(204).send(null);
      },
    );
  };
}
