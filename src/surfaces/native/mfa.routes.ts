// 001's /auth/mfa endpoints, plus recovery-code regeneration in the same style.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { clientOf, publicAuthConfig } from '../kit/requests.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { LOCKOUT_NOTE } from './auth.routes.ts';
import { Tokens } from './auth.schemas.ts';
import { Detail } from './common.schemas.ts';
import { MfaCodeBody, MfaEnableOut, MfaLoginBody, MfaVerifyOut, RecoveryCodesOut } from './mfa.schemas.ts';
import { mfaLoginInput, toTokensOut } from './serializers/auth.ts';

export function mfaRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const tags = ['auth'];

    app.post(
      '/auth/mfa/enable',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'enableMfa',
          summary: 'Start two-factor set-up',
          description:
            'Returns a new TOTP secret and its `otpauth://` provisioning URL (show it as a QR code). Two-factor sign-in starts only once `POST /auth/mfa/verify` confirms a code; 409 when it is already on.',
          tags,
          response: { 200: Described(MfaEnableOut, 'The pending secret.') },
        },
      },
      async (request) => identity.enableMfa(actorOf(request)),
    );

    app.post(
      '/auth/mfa/verify',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'verifyMfa',
          summary: 'Confirm two-factor set-up',
          description:
            'Turns two-factor authentication on with a code from the authenticator app, and returns one-time recovery codes: they are shown only here.',
          tags,
          body: MfaCodeBody,
          response: { 200: Described(MfaVerifyOut, 'Two-factor authentication is on.') },
        },
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
        schema: {
          operationId: 'disableMfa',
          summary: 'Turn two-factor authentication off',
          description: 'Needs a current TOTP code or a recovery code.',
          tags,
          body: MfaCodeBody,
          response: { 204: Described(NoContent, 'Two-factor authentication is off.') },
        },
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
        schema: {
          operationId: 'regenerateRecoveryCodes',
          summary: 'Replace my recovery codes',
          description: 'Needs a current TOTP code. The old recovery codes stop working.',
          tags,
          body: MfaCodeBody,
          response: { 200: Described(RecoveryCodesOut, 'The new recovery codes, shown only here.') },
        },
      },
      async (request) => identity.regenerateRecoveryCodes(actorOf(request), request.body.code),
    );

    app.post(
      '/auth/mfa/login',
      {
        config: publicAuthConfig(config),
        schema: {
          operationId: 'loginWithMfa',
          summary: 'Sign in with password and second factor',
          description: `Email, password and a TOTP code or a recovery code; each code is accepted once, and a wrong code counts like a wrong password. ${LOCKOUT_NOTE}`,
          tags,
          body: MfaLoginBody,
          response: { 200: Described(Tokens, 'Signed in.'), 423: Detail },
        },
      },
      async (request) => toTokensOut(await identity.loginWithMfa(mfaLoginInput(request.body), clientOf(request))),
    );
  };
}
