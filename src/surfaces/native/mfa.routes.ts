// 001's /auth/mfa endpoints, plus recovery-code regeneration in the same style.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { clientOf, publicAuthConfig } from '../kit/requests.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Tokens } from './auth.schemas.ts';
import { Detail } from './common.schemas.ts';
import { MfaCodeBody, MfaEnableOut, MfaLoginBody, MfaVerifyOut, RecoveryCodesOut } from './mfa.schemas.ts';
import { mfaLoginInput, toTokensOut } from './serializers/auth.ts';

export function mfaRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const secured = { tags: ['auth'] };

    app.post(
      '/auth/mfa/enable',
      { config: { auth: 'user' }, schema: { ...secured, response: { 200: MfaEnableOut } } },
      async (request) => identity.enableMfa(actorOf(request)),
    );

    app.post(
      '/auth/mfa/verify',
      {
        config: { auth: 'user' },
        schema: { ...secured, body: MfaCodeBody, response: { 200: MfaVerifyOut } },
      },
      async (request) => {
        const { recovery_codes } = await identity.verifyMfa(actorOf(request), request.body.code);
        return { message: 'MFA enabled successfully', recovery_codes };
      },
    );

    app.post(
      '/auth/mfa/disable',
      {
        config: { auth: 'user' },
        schema: { ...secured, body: MfaCodeBody, response: { 204: { type: 'null' } } },
      },
      async (request, reply) => {
        await identity.disableMfa(actorOf(request), request.body.code);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/mfa/recovery-codes',
      {
        config: { auth: 'user' },
        schema: { ...secured, body: MfaCodeBody, response: { 200: RecoveryCodesOut } },
      },
      async (request) => identity.regenerateRecoveryCodes(actorOf(request), request.body.code),
    );

    app.post(
      '/auth/mfa/login',
      {
        config: publicAuthConfig(config),
        schema: { tags: ['auth'], body: MfaLoginBody, response: { 200: Tokens, 423: Detail } },
      },
      async (request) => toTokensOut(await identity.loginWithMfa(mfaLoginInput(request.body), clientOf(request))),
    );
  };
}
