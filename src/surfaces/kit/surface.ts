// A surface is one API contract served under a prefix: its routes, its error format and its
// own 404/405. `defineSurface` declares one; the HTTP app mounts it (src/http/surfaces.ts),
// filling each route's OpenAPI security and error responses from `config.auth` so routes
// declare only what is theirs.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';

import type { NormalizedError } from '../../http/errors.ts';

/** Renders a normalised error as the contract's error body; may change the status (422 vs 400). */
export type ErrorRenderer = (error: NormalizedError, request: FastifyRequest, reply: FastifyReply) => unknown;

export type ErrorSchemas = Partial<Record<number, TSchema>>;

export interface SurfaceDefinition {
  /** Short name: the OpenAPI file is `openapi/<name>.json`. */
  name: string;
  /**
   * Mount point of every route, e.g. `/api/v1`; several surfaces may share one. `''` mounts at
   * the root (routes carry full paths), for a contract spread over several roots (003: `/api`, `/ws`).
   */
  prefix: string;
  /** OpenAPI `info.title` and `info.description` of this surface's document. */
  title: string;
  description: string;
  /** The tags its operations use, in the order the document lists them, each with what it groups. */
  tags?: readonly OpenApiTag[];
  /**
   * Which unknown paths under the prefix answer 404/405 in this surface's format. Surfaces that
   * share a prefix claim their part (000's `/content/*` beside 001's `/api/v1`); one without
   * `owns` takes whatever is left under its prefix.
   */
  owns?: (path: string) => boolean;
  renderError: ErrorRenderer;
  /**
   * A path with a trailing slash that only exists without it: `redirect` answers 307 to the path
   * without the slash (FastAPI's redirect_slashes); `strict` (default) treats it as another path.
   * `append` goes the other way (Django's APPEND_SLASH): a GET of `/x` that exists only as `/x/`
   * answers 301 to `/x/`.
   */
  trailingSlash?: 'redirect' | 'strict' | 'append';
  /**
   * The error bodies this surface answers with, by status, merged into every route's responses;
   * a function of the route's URL where one contract has several formats (003's auth service).
   */
  errorSchemas: ErrorSchemas | ((url: string) => ErrorSchemas);
  /** Registers the routes (and any surface-wide hooks) inside the surface's encapsulated scope. */
  routes: FastifyPluginAsync;
}

export interface OpenApiTag {
  name: string;
  description: string;
}

export type Surface = Readonly<SurfaceDefinition>;

/** Whether `path` lies under `prefix` (`''` is the root: every path). */
export const underPrefix = (path: string, prefix: string): boolean =>
  prefix === '' || path === prefix || path.startsWith(`${prefix}/`);

export function defineSurface(definition: SurfaceDefinition): Surface {
  if (definition.prefix !== '' && (!definition.prefix.startsWith('/') || definition.prefix.endsWith('/'))) {
    throw new Error(`Surface ${definition.name}: prefix "${definition.prefix}" must start and not end with "/"`);
  }
  return Object.freeze({ ...definition });
}

/** See `FastifyContextConfig.location`. */
export type LocationRule = string | ((body: Record<string, unknown>) => string | undefined);

/** The path of a request without its query string. */
export const pathOf = (url: string): string => url.split('?', 1)[0] ?? url;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Where a 201 answer's `Location` points: a path under the surface's prefix with fields of the
     * created body in braces (`'/enrollments/{id}'`), or a function of the body returning the whole
     * path. Without it, the kit uses `<request path>/<body.id>` when that path has a GET route.
     */
    location?: LocationRule;
  }
}
