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
    /**
     * A WebSocket upgrade route: browsers cannot set headers on `new WebSocket()`, so the token
     * may also come as `?token=` or as the second subprotocol (`Sec-WebSocket-Protocol: bearer, <token>`).
     */
    websocket?: boolean;
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
    const token = bearerToken(request) ?? (request.routeOptions.config.websocket ? upgradeToken(request) : undefined);
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

/** The subprotocol a WebSocket server echoes when the client sent its token as one. */
export const TOKEN_SUBPROTOCOL = 'bearer';

/** A WebSocket upgrade's token: `?token=`, else the protocol after `bearer` in Sec-WebSocket-Protocol. */
export function upgradeToken(request: FastifyRequest): string | undefined {
  const query = (request.query as Record<string, unknown> | undefined)?.['token'];
  if (typeof query === 'string' && query) return query;
  const protocols = String(request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim());
  const at = protocols.indexOf(TOKEN_SUBPROTOCOL);
  return at >= 0 && protocols[at + 1] ? protocols[at + 1] : undefined;
}

/** The signed-in actor of a route declared with auth other than public/optional. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated('Not authenticated');
  return request.actor;
}
