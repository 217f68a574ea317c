// 000's authentication paths at /api/v1: /login, /register, /oauth-login, /refresh,
// /verify-email, /logout.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf, bearerToken } from '../../http/auth.ts';
import { unauthenticated } from '../../platform/errors.ts';
import { clientOf, publicAuthConfig } from '../kit/requests.ts';
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

export function gatewayAuthRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const publicAuth = publicAuthConfig(config);
    const tags = ['gateway auth'];

    app.post(
      '/login',
      { config: publicAuth, schema: { tags, body: LoginBody, response: { 200: LoginOut } } },
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
        schema: { tags, body: RegisterBody, response: { 201: RegisterOut } },
      },
      async (request, reply) => {
        const created = await identity.signUp(registerInput(request.body));
        return reply.status(201).send({ message: 'User created successfully', ...created });
      },
    );

    app.post(
      '/oauth-login',
      { config: publicAuth, schema: { tags, body: OAuthBody, response: { 200: LoginOut } } },
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
        schema: { tags, response: { 200: RefreshOut } },
      },
      async (request) => {
        const token = bearerToken(request);
        if (!token) throw unauthenticated('Refresh token missing');
        return identity.refreshAccess(token, clientOf(request));
      },
    );

    app.post(
      '/verify-email',
      { config: publicAuth, schema: { tags, body: VerifyEmailBody, response: { 200: Message } } },
      async (request) => {
        await identity.verifyEmail(request.body.token, request.body.email, clientOf(request));
        return { message: 'Email verified successfully' };
      },
    );

    app.post(
      '/logout',
      {
        config: { auth: 'user' },
        schema: { tags, response: { 200: Message } },
      },
      async (request) => {
        await identity.logout(actorOf(request));
        return { message: 'Logged out successfully' };
      },
    );
  };
}
