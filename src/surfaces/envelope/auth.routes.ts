// 004's identity service: the instructor and student logins, /v1/me, and a token refresh.
// The token is the platform's own: lockout, MFA and session revocation apply as everywhere.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';

import { actorOf } from '../../http/auth.ts';
import type { Role } from '../../modules/identity/index.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { LoginBody, LoginData, MeData, RefreshBody, RefreshData } from './auth.schemas.ts';
import { Envelope, ok } from './envelope.schemas.ts';
import { loginRateLimit, routeConfig } from './rate-limit.ts';
import { toLoginUser, toMe, toTokens } from './serializers/user.ts';

const clientOf = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] });

export function envelopeAuthRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { identity } = modules;
    const tags = ['identity'];
    const login = { ...routeConfig('public'), rateLimit: loginRateLimit(config.rateLimit.authPerMinute) };

    const door = (role: Exclude<Role, 'admin'>, other: string) => ({
      config: login,
      schema: {
        operationId: role === 'instructor' ? 'envelopeLoginInstructor' : 'envelopeLoginStudent',
        summary: `Log in as ${role === 'instructor' ? 'an instructor' : 'a student'}`,
        description: `Email and password of a ${role} account (or an admin's). A ${other} account is refused with 403 FORBIDDEN naming its own login; an account with two-factor authentication gets 401 MFA_REQUIRED and signs in at POST /api/v1/auth/mfa/login, whose token works here too. Repeated failures lock the account (423 ACCOUNT_LOCKED).`,
        tags,
        body: LoginBody,
        response: { 200: Described(Envelope(LoginData), 'The access token and the signed-in user') },
      },
    });

    for (const [role, other] of [
      ['instructor', 'student'],
      ['student', 'instructor'],
    ] as const) {
      app.post(`/auth/${role}/login`, door(role, other), async (request) => {
        const pair = await identity.loginAs(request.body, [role], clientOf(request));
        return ok({ ...toTokens(pair), user: toLoginUser(await identity.findUser(pair.user_id)) });
      });
    }

    app.post(
      '/auth/refresh',
      {
        config: login,
        schema: {
          operationId: 'envelopeRefreshToken',
          summary: 'Trade a refresh token for a new token',
          description:
            'Not in 004’s document, which tells clients to refresh before expiry. The refresh token rotates: use the new one next time.',
          tags,
          body: RefreshBody,
          response: { 200: Described(Envelope(RefreshData), 'A new token and refresh token') },
        },
      },
      async (request) => ok(toTokens(await identity.refresh(request.body.refresh_token, clientOf(request)))),
    );

    app.get(
      '/me',
      {
        config: routeConfig('user'),
        schema: {
          operationId: 'envelopeGetMe',
          summary: 'Get the signed-in user',
          tags,
          response: { 200: Described(Envelope(MeData), 'The signed-in user') },
        },
      },
      async (request) => ok(toMe(await identity.getMe(actorOf(request)))),
    );
  };
}
