// Native sign-in paths beyond email + password: SMS codes (sign-in, sign-up, phone change)
// and Google ID tokens.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { clientOf, publicAuthConfig } from '../kit/requests.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { LOCKOUT_NOTE } from './auth.routes.ts';
import { Tokens } from './auth.schemas.ts';
import { Detail } from './common.schemas.ts';
import { googleLoginOptions, phoneLoginInput, toTokensOut } from './serializers/auth.ts';
import { toUserOut } from './serializers/user.ts';
import { GoogleLoginBody, PhoneBody, PhoneChangeBody, PhoneLoginBody } from './signin.schemas.ts';
import { UserOut } from './users.schemas.ts';
import { Message } from './verification.schemas.ts';

const SMS_CODE_NOTE =
  'Codes have six digits, last ten minutes and allow five guesses; a number gets at most one code a minute (429 otherwise). Phone numbers are E.164 (`+14155550123`).';

export function signinRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const publicAuth = publicAuthConfig(config);
    const withLock = { 423: Detail };

    app.post(
      '/auth/phone/send-code',
      {
        config: publicAuth,
        schema: {
          operationId: 'sendPhoneLoginCode',
          summary: 'Text me a sign-in code',
          description: `Sends an SMS code for \`POST /auth/phone/verify\`. The answer is the same whether or not the number has an account. ${SMS_CODE_NOTE}`,
          tags: ['auth'],
          body: PhoneBody,
          response: { 202: Described(Message, 'The code is on its way.'), ...withLock },
        },
      },
      async (request, reply) => {
        await identity.sendPhoneLoginCode(request.body.phone, clientOf(request));
        return reply.status(202).send({ message: 'Code sent' });
      },
    );

    app.post(
      '/auth/phone/verify',
      {
        config: publicAuth,
        schema: {
          operationId: 'loginWithPhoneCode',
          summary: 'Sign in or sign up with an SMS code',
          description: `Signs in the account with this number, or creates one (optionally with \`email\`, \`password\` and \`full_name\`); the number counts as verified. Accounts with two-factor authentication also need \`mfa_code\`. ${LOCKOUT_NOTE}`,
          tags: ['auth'],
          body: PhoneLoginBody,
          response: { 200: Described(Tokens, 'Signed in.'), ...withLock },
        },
      },
      async (request) =>
        toTokensOut(await identity.loginWithPhoneCode(phoneLoginInput(request.body), clientOf(request))),
    );

    app.post(
      '/users/me/phone/send-code',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'sendPhoneChangeCode',
          summary: 'Text a code to my new phone number',
          description: `First step of adding or changing the account's phone: 409 when another account has the number. ${SMS_CODE_NOTE}`,
          tags: ['users'],
          body: PhoneBody,
          response: { 202: Described(Message, 'The code is on its way.'), ...withLock },
        },
      },
      async (request, reply) => {
        await identity.sendPhoneChangeCode(actorOf(request), request.body.phone, clientOf(request));
        return reply.status(202).send({ message: 'Code sent' });
      },
    );

    app.post(
      '/users/me/phone/verify',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'confirmPhoneChange',
          summary: 'Confirm my new phone number',
          description: 'Sets the phone number once the code texted to it comes back.',
          tags: ['users'],
          body: PhoneChangeBody,
          response: { 200: Described(UserOut, 'The account with its new, verified phone number.'), ...withLock },
        },
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
        schema: {
          operationId: 'loginWithGoogle',
          summary: 'Sign in with Google',
          description:
            'Takes the ID token Google gave the client. The account is found by Google id, else linked by an email Google has verified, else created. Accounts with two-factor authentication also need `mfa_code`. 503 when this server has no Google client id configured.',
          tags: ['auth'],
          body: GoogleLoginBody,
          response: { 200: Described(Tokens, 'Signed in.'), ...withLock, 503: Detail },
        },
      },
      async (request) =>
        toTokensOut(
          await identity.loginWithGoogle(request.body.id_token, googleLoginOptions(request.body), clientOf(request)),
        ),
    );
  };
}
