// 002's authentication endpoints (category 1), SimpleJWT style.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import type { TokenPair } from '../../modules/identity/index.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import { clientOf, publicAuthConfig } from '../kit/requests.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  DetailOut,
  EmailBody,
  LoginBody,
  RefreshBody,
  RefreshOut,
  RegisterBody,
  ResetConfirmBody,
  TokenBody,
  TokensOut,
} from './auth.schemas.ts';
import { toAuthUserOut } from './serializers/user.ts';

export function authRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const publicAuth = publicAuthConfig(config);
    const tags = ['authentication'];
    const withUser = async (pair: TokenPair) => ({
      access: pair.access_token,
      refresh: pair.refresh_token,
      user: toAuthUserOut(await identity.findUser(pair.user_id)),
    });

    app.post(
      '/auth/register/',
      {
        config: { ...publicAuth, location: '/users/me/' },
        schema: {
          operationId: 'djangoRegister',
          summary: 'Register',
          description:
            'Creates a student account (a `role` in the body is ignored) and signs it in; a mail carries the verification link. `password2` (or `password_confirm`), when sent, must repeat `password`. Passwords need 8 characters or more with an uppercase letter, a lowercase letter and a digit.',
          tags,
          body: RegisterBody,
          response: { 201: Described(TokensOut, 'The account, signed in.') },
        },
      },
      async (request, reply) => {
        const { email, password, first_name, last_name } = request.body;
        const repeat = request.body.password2 ?? request.body.password_confirm;
        if (repeat !== undefined && repeat !== password) {
          throw invalid("Password fields didn't match.", 'password');
        }
        const pair = await identity.register({ email, password, first_name, last_name }, clientOf(request));
        return reply.status(201).send(await withUser(pair));
      },
    );

    app.post(
      '/auth/login/',
      {
        config: publicAuth,
        schema: {
          operationId: 'djangoLogin',
          summary: 'Obtain a token pair',
          description:
            'SimpleJWT `TokenObtainPairView`: `{access, refresh}` and the signed-in user. Wrong credentials answer 401; repeated failures lock the account and the address for a while (423).',
          tags,
          body: LoginBody,
          response: { 200: Described(TokensOut, 'Signed in.') },
        },
      },
      async (request) => withUser(await identity.login(request.body, clientOf(request))),
    );

    app.post(
      '/auth/refresh/',
      {
        config: publicAuth,
        schema: {
          operationId: 'djangoRefreshToken',
          summary: 'Refresh the access token',
          description:
            'SimpleJWT `TokenRefreshView` with rotation: a new `access` and a new `refresh`; the old refresh token is spent (presenting it again revokes the session).',
          tags,
          body: RefreshBody,
          response: { 200: Described(RefreshOut, 'A new token pair.') },
        },
      },
      async (request) => {
        const pair = await identity.refresh(request.body.refresh, clientOf(request));
        return { access: pair.access_token, refresh: pair.refresh_token };
      },
    );

    app.post(
      '/auth/logout/',
      {
        config: publicAuth,
        schema: {
          operationId: 'djangoLogout',
          summary: 'Log out (blacklist the refresh token)',
          description:
            "SimpleJWT `TokenBlacklistView`: the refresh token's session ends, so the refresh token and the access tokens of that session stop working. An unknown or spent token changes nothing.",
          tags,
          body: RefreshBody,
          response: { 204: Described(NoContent, 'Logged out.') },
        },
      },
      async (request, reply) => {
        await identity.logoutByRefreshToken(request.body.refresh);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/verify-email/',
      {
        config: publicAuth,
        schema: {
          operationId: 'djangoVerifyEmail',
          summary: 'Verify an email address',
          description: 'With the token from the verification mail. A wrong or expired token answers 400.',
          tags,
          body: TokenBody,
          response: { 200: Described(DetailOut, 'The address is verified.') },
        },
      },
      async (request) => {
        await tokenInBody(identity.verifyEmail(request.body.token, undefined, clientOf(request)));
        return { detail: 'Email verified.' };
      },
    );

    app.post(
      '/auth/password-reset/',
      {
        config: publicAuth,
        schema: {
          operationId: 'djangoRequestPasswordReset',
          summary: 'Request a password reset',
          description:
            'Mails a reset link carrying the token when the address belongs to an active account; the answer is the same either way, so it reveals nothing.',
          tags,
          body: EmailBody,
          response: { 200: Described(DetailOut, 'The mail is on its way when the account exists.') },
        },
      },
      async (request) => {
        await identity.requestPasswordReset(request.body.email);
        return { detail: 'Password reset e-mail has been sent.' };
      },
    );

    app.post(
      '/auth/password-reset-confirm/',
      {
        config: publicAuth,
        schema: {
          operationId: 'djangoConfirmPasswordReset',
          summary: 'Set a new password with the reset token',
          description:
            '`token` from the reset mail and `new_password` (or `password`). Every session of the account ends. A wrong or expired token answers 400.',
          tags,
          body: ResetConfirmBody,
          response: { 200: Described(DetailOut, 'The password is changed.') },
        },
      },
      async (request) => {
        const password = request.body.new_password ?? request.body.password;
        if (!password) {
          throw invalid('This field is required.', 'new_password');
        }
        await tokenInBody(identity.confirmPasswordReset(request.body.token, password, clientOf(request)));
        return { detail: 'Password has been reset with the new password.' };
      },
    );
  };
}

/** A wrong or spent token sent in a body is invalid input to DRF (400 on `token`), not a 401. */
async function tokenInBody<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError && (error.kind === 'unauthenticated' || error.kind === 'expired')) {
      throw invalid(error.message, 'token');
    }
    throw error;
  }
}
