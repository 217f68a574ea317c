// Route-level authentication: every route declares `config.auth`; start-up fails if one does
// not. Token verification happens once, in one onRequest hook, before body parsing.
import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { Actor, Role } from '../modules/identity/index.ts';
import { forbidden, unauthenticated } from '../platform/errors.ts';

/** `public`: no token needed (one sent is ignored); `optional`: a token, when sent, must be valid; `user`: any signed-in user. */
export type RouteAuth = 'public' | 'optional' | 'user' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export interface Authenticator {
  authenticate(accessToken: string): Promise<Actor>;
}

const EXEMPT_PREFIXES = ['/docs'];

export function installAuth(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    if (EXEMPT_PREFIXES.some((prefix) => route.url.startsWith(prefix))) return;
    const auth = (route.config as { auth?: RouteAuth } | undefined)?.auth;
    if (auth === undefined) throw new Error(`Route ${route.method} ${route.url} does not declare config.auth`);
  });

  app.addHook('onRequest', async (request) => {
    const auth = request.routeOptions.config.auth;
    if (auth === undefined || auth === 'public') return;
    const token = bearerToken(request);
    if (!token) {
      if (auth === 'optional') return;
      throw unauthenticated('Not authenticated');
    }
    request.actor = await authenticator.authenticate(token);
    if (Array.isArray(auth) && !auth.includes(request.actor.role)) throw forbidden();
  });
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

/** The signed-in actor of a route declared with auth other than public/optional. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated('Not authenticated');
  return request.actor;
}
