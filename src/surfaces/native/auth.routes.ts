// 001's /auth endpoints.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { clientOf, publicAuthConfig } from '../kit/requests.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { LoginBody, RefreshBody, RegisterBody, Tokens } from './auth.schemas.ts';
import { Detail } from './common.schemas.ts';
import { loginInput, toTokensOut } from './serializers/auth.ts';

export function authRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const publicAuth = publicAuthConfig(config);

    app.post(
      '/auth/register',
      {
        config: { ...publicAuth, location: '/users/me' },
        schema: { tags: ['auth'], body: RegisterBody, response: { 201: Tokens } },
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
          tags: ['auth'],
          body: LoginBody,
          response: { 200: Tokens, 423: Detail },
        },
      },
      async (request) => toTokensOut(await identity.login(loginInput(request.body), clientOf(request))),
    );

    app.post(
      '/auth/refresh',
      {
        config: publicAuth,
        schema: {
          tags: ['auth'],
          body: RefreshBody,
          response: { 200: Tokens, 423: Detail },
        },
      },
      async (request) => toTokensOut(await identity.refresh(request.body.refresh_token, clientOf(request))),
    );

    app.post(
      '/auth/logout',
      {
        config: { auth: 'user' },
        schema: {
          tags: ['auth'],
          response: { 204: { type: 'null' } },
        },
      },
      async (request, reply) => {
        await identity.logout(actorOf(request));
        return reply.status(204).send(null);
      },
    );
  };
}
