// 000's authentication paths at /api/v1: /login, /register, /oauth-login, /refresh,
// /verify-email, /logout.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf, bearerToken } from '../../http/auth.ts';
import { unauthenticated } from '../../platform/errors.ts';
import { clientOf, publicAuthConfig } from '../kit/requests.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  LoginBody,
  LoginOut,
  OAuthBody,
  RefreshOut,
  RegisterBody,
  RegisterOut,
  VerifyEmailBody,
} from './auth.schemas.ts';
import { loginInput, registerInput, toLoginOut } from './serializers/auth.ts';
import { Message } from './users.schemas.ts';

const LOCKOUT_NOTE =
  'Failed attempts count against the account and the client address; past the threshold both are refused with 423 and `Retry-After` for a fixed window.';

export function gatewayAuthRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const publicAuth = publicAuthConfig(config);
    const tags = ['gateway auth'];

    app.post(
      '/login',
      {
        config: publicAuth,
        schema: {
          operationId: 'gatewayLogin',
          summary: 'Sign in with email and password',
          description: `The password field is \`mot_de_passe\`. Accounts with two-factor authentication (set up through the native API) also send \`mfa_code\`, a TOTP or recovery code; without it they get 401 \`IDENTITY_MFA_REQUIRED\`. ${LOCKOUT_NOTE}`,
          tags,
          body: LoginBody,
          response: { 200: Described(LoginOut, 'Signed in: the tokens and the user.') },
        },
      },
      async (request) => {
        const input = loginInput(request.body);
        const mfaCode = request.body.mfa_code;
        // 000 answers with the user too; identity's login returns tokens only, hence the second read.
        const pair = mfaCode
          ? await identity.loginWithMfa({ ...input, mfaCode }, clientOf(request))
          : await identity.login(input, clientOf(request));
        return toLoginOut(pair, await identity.findUser(pair.user_id));
      },
    );

    app.post(
      '/register',
      {
        config: { ...publicAuth, location: '/users/me' },
        schema: {
          operationId: 'gatewayRegister',
          summary: 'Create an account',
          description:
            'Creates a student account without signing it in: a mail carries the verification link (`POST /verify-email`), then the client signs in with `POST /login`. Passwords need 8 characters or more with an uppercase letter, a lowercase letter and a digit, and must not be a common password.',
          tags,
          body: RegisterBody,
          response: { 201: Described(RegisterOut, 'The account is created.') },
        },
      },
      async (request, reply) => {
        const created = await identity.signUp(registerInput(request.body));
        return reply.status(201).send({ message: 'User created successfully', ...created });
      },
    );

    app.post(
      '/oauth-login',
      {
        config: publicAuth,
        schema: {
          operationId: 'gatewayLoginWithGoogle',
          summary: 'Sign in with Google',
          description:
            '`token` is the ID token Google gave the client. The account is found by Google id, else linked by an email Google has verified, else created. 503 when this server has no Google client id configured.',
          tags,
          body: OAuthBody,
          response: { 200: Described(LoginOut, 'Signed in: the tokens and the user.') },
        },
      },
      async (request) => {
        const pair = await identity.loginWithGoogle(
          request.body.token,
          { rememberMe: request.body.remember_me },
          clientOf(request),
        );
        return toLoginOut(pair, await identity.findUser(pair.user_id));
      },
    );

    // The refresh token arrives as the bearer; the route is public so the auth hook does not
    // try to read it as an access token.
    app.post(
      '/refresh',
      {
        config: publicAuth,
        schema: {
          operationId: 'gatewayRefreshToken',
          summary: 'Get a new access token',
          description:
            'Send the refresh token as the bearer (`Authorization: Bearer <refresh token>`). The answer carries a new access token; the refresh token stays the same.',
          tags,
          security: [{ refreshToken: [] }],
          response: { 200: Described(RefreshOut, 'A new access token.') },
        },
      },
      async (request) => {
        const token = bearerToken(request);
        if (!token) throw unauthenticated('Refresh token missing');
        return identity.refreshAccess(token, clientOf(request));
      },
    );

    app.post(
      '/verify-email',
      {
        config: publicAuth,
        schema: {
          operationId: 'gatewayVerifyEmail',
          summary: 'Verify my email address',
          description:
            'With the token of the verification mail (valid 24 hours, usable once) and the address it was sent to. A wrong token counts as a failed attempt of the client address.',
          tags,
          body: VerifyEmailBody,
          response: { 200: Described(Message, 'The address is verified.') },
        },
      },
      async (request) => {
        await identity.verifyEmail(request.body.token, request.body.email, clientOf(request));
        return { message: 'Email verified successfully' };
      },
    );

    app.post(
      '/logout',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewayLogout',
          summary: 'Sign out',
          description: "Ends the caller's session: its refresh token and access tokens stop working at once.",
          tags,
          response: { 200: Described(Message, 'Signed out.') },
        },
      },
      async (request) => {
        await identity.logout(actorOf(request));
        return { message: 'Logged out successfully' };
      },
    );
  };
}
