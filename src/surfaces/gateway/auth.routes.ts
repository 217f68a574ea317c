// 000's authentication paths at /api/v1: /login, /register, /oauth-login, /refresh,
// /verify-email, /logout.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf, bearerToken } from '../../http/auth.ts';
import type { TokenPair } from '../../modules/identity/index.ts';
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
import { Message, toGatewayRole } from './users.schemas.ts';

export function gatewayAuthRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const publicAuth = publicAuthConfig(config);
    const tags = ['gateway auth'];

    /** 000's login answer: the tokens and the signed-in user. */
    async function loginAnswer(pair: TokenPair) {
      const user = await identity.findUser(pair.user_id);
      return {
        access_token: pair.access_token,
        refresh_token: pair.refresh_token,
        token_type: pair.token_type,
        expires_in: pair.expires_in,
        user: {
          id: user.id,
          email: user.email,
          role: toGatewayRole(user.role),
          first_name: user.first_name,
          last_name: user.last_name,
        },
      };
    }

    app.post(
      '/login',
      { config: publicAuth, schema: { tags, body: LoginBody, response: { 200: LoginOut } } },
      async (request) => {
        const { email, mot_de_passe, remember_me, mfa_code } = request.body;
        const input = { email, password: mot_de_passe, rememberMe: remember_me };
        const pair = mfa_code
          ? await identity.loginWithMfa({ ...input, mfaCode: mfa_code }, clientOf(request))
          : await identity.login(input, clientOf(request));
        return loginAnswer(pair);
      },
    );

    app.post(
      '/register',
      { config: publicAuth, schema: { tags, body: RegisterBody, response: { 201: RegisterOut } } },
      async (request, reply) => {
        const { email, mot_de_passe, first_name, last_name } = request.body;
        const created = await identity.signUp({ email, password: mot_de_passe, first_name, last_name });
        return reply.status(201).send({ message: 'User created successfully', ...created });
      },
    );

    app.post(
      '/oauth-login',
      { config: publicAuth, schema: { tags, body: OAuthBody, response: { 200: LoginOut } } },
      async (request) =>
        loginAnswer(
          await identity.loginWithGoogle(
            request.body.token,
            { rememberMe: request.body.remember_me },
            clientOf(request),
          ),
        ),
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
