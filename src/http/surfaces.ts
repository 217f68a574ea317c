// Mounts surfaces on the app: each gets its own error renderer, its routes' OpenAPI security and
// error responses filled from `config.auth` (src/http/route-docs.ts, which also refuses routes
// without an operationId or summary), and its share of the 404/405 answers. Whatever no
// surface claims (platform routes, paths outside every prefix) answers as RFC 9457 problem JSON.
import { STATUS_CODES } from 'node:http';

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { DomainError } from '../platform/errors.ts';
import type { ErrorRenderer, LocationRule, Surface } from '../surfaces/kit/surface.ts';
import { pathOf, underPrefix } from '../surfaces/kit/surface.ts';
import type { NormalizedError } from './errors.ts';
import { prepareErrorReply } from './errors.ts';
import { assertDocumented, completeRouteSchema } from './route-docs.ts';
import type { RouteTable } from './route-table.ts';

/** The neutral error format of platform routes and unclaimed paths (RFC 9457). */
export const renderProblem: ErrorRenderer = (error, _request, reply) => {
  reply.type('application/problem+json');
  const fields = error.details.filter((detail) => detail.field);
  return {
    type: 'about:blank',
    title: STATUS_CODES[error.status] ?? 'Error',
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(fields.length > 0 ? { errors: fields } : {}),
  };
};

/** Registers a surface's routes under its prefix, in a scope with its own error handler. */
export async function mountSurface(app: FastifyInstance, surface: Surface, table: RouteTable): Promise<void> {
  await app.register(
    async (scope) => {
      scope.setErrorHandler((error, request, reply) =>
        surface.renderError(prepareErrorReply(error, request, reply), request, reply),
      );
      scope.addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) table.claim(method, route.url, surface.name);
        assertDocumented(route);
        const errors = surface.errorSchemas;
        completeRouteSchema(route, {
          prefix: surface.prefix,
          errorSchemas: typeof errors === 'function' ? errors(route.url) : errors,
        });
      });
      scope.addHook('preSerialization', async (request, reply, payload) => {
        if (reply.statusCode === 201 && !reply.hasHeader('location') && isRecord(payload)) {
          const rule = request.routeOptions.config.location;
          const location = createdLocation(rule, surface.prefix, pathOf(request.url), payload, table);
          if (location) reply.header('location', location);
        }
        return payload;
      });
      await scope.register(surface.routes);
    },
    { prefix: surface.prefix },
  );
}

/**
 * The app's 404/405 and its fallback error handler: an unknown path answers in the format of the
 * surface that claims it; a known path with another method answers 405 with `Allow`.
 */
export function installFallbacks(app: FastifyInstance, surfaces: readonly Surface[], table: RouteTable): void {
  const ownerOf = surfaceResolver(surfaces);
  const render = (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const normalized: NormalizedError = prepareErrorReply(error, request, reply);
    const renderer = ownerOf(pathOf(request.url))?.renderError ?? renderProblem;
    return renderer(normalized, request, reply);
  };

  app.setErrorHandler((error, request, reply) =>
    request.is404
      ? render(error, request, reply)
      : renderProblem(prepareErrorReply(error, request, reply), request, reply),
  );
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => {
    const path = pathOf(request.url);
    const allowed = table.allowedMethods(path);
    const appended = allowed.length === 0 ? appendSlashTarget(request, path) : undefined;
    if (appended) return reply.redirect(appended, 301);
    if (allowed.length === 0) {
      return render(
        new DomainError('not_found', 'ROUTE_NOT_FOUND', `No route ${request.method} ${path}`),
        request,
        reply,
      );
    }
    reply.header('allow', allowed.join(', '));
    const message = `Method ${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`;
    return render(new DomainError('method_not_allowed', 'METHOD_NOT_ALLOWED', message), request, reply);
  });

  /**
   * Django's APPEND_SLASH: a GET or HEAD of `/x` that no route serves goes to `/x/` when the
   * surface owning `/x/` appends slashes and serves GET there.
   */
  function appendSlashTarget(request: FastifyRequest, path: string): string | undefined {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || path.endsWith('/')) return undefined;
    const withSlash = `${path}/`;
    if (ownerOf(withSlash)?.trailingSlash !== 'append') return undefined;
    if (!table.allowedMethods(withSlash).includes('GET')) return undefined;
    return `${withSlash}${request.url.slice(path.length)}`;
  }
}

/**
 * Errors Fastify raises before routing (a path that is not valid percent-encoded UTF-8, such as
 * an unpaired surrogate; a parameter past the maximum length), answered in the format of the
 * surface that owns the path: the bad path is a validation failure of the path parameters.
 */
export function frameworkErrorRenderer(surfaces: readonly Surface[], table: RouteTable) {
  const ownerOf = surfaceResolver(surfaces);
  // Platform routes with parameters (signed storage objects, tus uploads) under a surface's prefix.
  let platformPrefixes: string[] | undefined;
  const isPlatformPath = (path: string) => {
    platformPrefixes ??= table
      .entries()
      .filter((entry) => entry.surface === 'platform' && /[:*]/.test(entry.url))
      .map((entry) => entry.url.slice(0, entry.url.search(/[:*]/)))
      .filter((prefix) => prefix.length > 1);
    return platformPrefixes.some((prefix) => path.startsWith(prefix));
  };
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const thrown =
      error.code === 'FST_ERR_BAD_URL' ? pathValidationFailure('is not valid percent-encoded UTF-8 text') : error;
    const normalized = prepareErrorReply(thrown, request, reply);
    const path = pathOf(request.url);
    const renderer = isPlatformPath(path) ? renderProblem : (ownerOf(path)?.renderError ?? renderProblem);
    void reply.send(renderer(normalized, request, reply));
  };
}

function pathValidationFailure(message: string): Error {
  return Object.assign(new Error(`path ${message}`), {
    statusCode: 400,
    validation: [{ instancePath: '', keyword: 'text', message, params: {} }],
    validationContext: 'params',
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The created resource's address: the route's own rule, else `<collection>/<id>` when it is a GET route. */
function createdLocation(
  rule: LocationRule | undefined,
  prefix: string,
  path: string,
  body: Record<string, unknown>,
  table: RouteTable,
): string | undefined {
  if (typeof rule === 'function') return rule(body);
  if (rule !== undefined) return fillTemplate(`${prefix}${rule}`, body);
  const id = body['id'];
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  const candidate = `${path.replace(/\/$/, '')}/${encodeURIComponent(String(id))}${path.endsWith('/') ? '/' : ''}`;
  return table.allowedMethods(candidate).includes('GET') ? candidate : undefined;
}

/** `/a/{id}` with the body's `id` (URL-encoded); undefined when a field is missing. */
function fillTemplate(template: string, body: Record<string, unknown>): string | undefined {
  let complete = true;
  const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = body[name];
    if (typeof value !== 'string' && typeof value !== 'number') complete = false;
    return encodeURIComponent(String(value));
  });
  return complete ? path : undefined;
}

/** Which surface answers for a path: those that claim part of a shared prefix first, then the longest prefix. */
export function surfaceResolver(surfaces: readonly Surface[]): (path: string) => Surface | undefined {
  const ordered = [...surfaces].sort(
    (a, b) => Number(Boolean(b.owns)) - Number(Boolean(a.owns)) || b.prefix.length - a.prefix.length,
  );
  return (path) => ordered.find((surface) => underPrefix(path, surface.prefix) && (surface.owns?.(path) ?? true));
}

/**
 * Trailing slashes, decided per surface: where a surface redirects, `/x/` answers 307 to `/x`
 * when `/x` has this method. A route parameter is never empty: `/courses/` does not reach
 * `/courses/:id` with id "" (it is 404, or the redirect).
 */
export function installTrailingSlashRule(app: FastifyInstance, surfaces: readonly Surface[], table: RouteTable): void {
  const ownerOf = surfaceResolver(surfaces);
  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    if (path.length <= 1 || !path.endsWith('/')) return;
    if (ownerOf(path)?.trailingSlash === 'redirect') {
      const without = path.replace(/\/+$/, '');
      if (table.allowedMethods(without).includes(request.method)) {
        return reply.redirect(`${without}${request.url.slice(path.length)}`, 307);
      }
    }
    const params = request.params as Record<string, string> | undefined;
    if (params && Object.entries(params).some(([name, value]) => name !== '*' && value === '')) {
      throw new DomainError('not_found', 'ROUTE_NOT_FOUND', `No route ${request.method} ${path}`);
    }
  });
}
