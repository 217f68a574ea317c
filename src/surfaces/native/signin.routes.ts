// Native sign-in paths beyond email + password: SMS codes (sign-in, sign-up, phone change)
// and Google ID tokens.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { clientOf, publicAuthConfig } from '../kit/requests.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Tokens } from './auth.schemas.ts';
import { Detail } from './common.schemas.ts';
import { googleLoginOptions, phoneLoginInput, toTokensOut } from './serializers/auth.ts';
import { toUserOut } from './serializers/user.ts';
import { GoogleLoginBody, PhoneBody, PhoneChangeBody, PhoneLoginBody } from './signin.schemas.ts';
import { UserOut } from './users.schemas.ts';
import { Message } from './verification.schemas.ts';

export function signinRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const publicAuth = publicAuthConfig(config);
    const withLock = { 423: Detail };
    const secured = { tags: ['users'] };

    app.post(
      '/auth/phone/send-code',
      { config: publicAuth, schema: { tags: ['auth'], body: PhoneBody, response: { 202: Message, ...withLock } } },
      async (request, reply) => {
        await identity.sendPhoneLoginCode(request.body.phone, clientOf(request));
        return reply.status(202).send({ message: 'Code sent' });
      },
    );

    app.post(
      '/auth/phone/verify',
      { config: publicAuth, schema: { tags: ['auth'], body: PhoneLoginBody, response: { 200: Tokens, ...withLock } } },
      async (request) =>
        toTokensOut(await identity.loginWithPhoneCode(phoneLoginInput(request.body), clientOf(request))),
    );

    app.post(
      '/users/me/phone/send-code',
      { config: { auth: 'user' }, schema: { ...secured, body: PhoneBody, response: { 202: Message, ...withLock } } },
      async (request, reply) => {
        await identity.sendPhoneChangeCode(actorOf(request), request.body.phone, clientOf(request));
        return reply.status(202).send({ message: 'Code sent' });
      },
    );

    app.post(
      '/users/me/phone/verify',
      {
        config: { auth: 'user' },
        schema: { ...secured, body: PhoneChangeBody, response: { 200: UserOut, ...withLock } },
      },
      async (request) =>
        toUserOut(
          await identity.confirmPhoneChange(actorOf(request), request.body.phone, request.body.code, clientOf(request)),
        ),
    );

    app.post(
      '/auth/google',
      {
        config: publicAuth,
        schema: { tags: ['auth'], body: GoogleLoginBody, response: { 200: Tokens, ...withLock, 503: Detail } },
      },
      async (request) =>
        toTokensOut(
          await identity.loginWithGoogle(request.body.id_token, googleLoginOptions(request.body), clientOf(request)),
        ),
    );
  };
}
