// Every route of the app, with the surface that owns it: the OpenAPI splitter, the route-table
// test and the 405 answer (which methods does this path have?) all read it.
import type { HTTPMethod } from 'find-my-way';
import FindMyWay from 'find-my-way';

import type { RouteAuth } from './auth.ts';

export interface RouteEntry {
  /** `platform` for routes outside any surface (health, metrics, docs, storage, tus). */
  surface: string;
  method: string;
  url: string;
  auth: RouteAuth | undefined;
  operationId: string | undefined;
  hidden: boolean;
  /** The statuses the route declares a response for (`'200'`, `'201'`, `'4XX'`...). */
  responses: string[];
  /** Whether the route says where its 201 answer's `Location` points (`config.location`). */
  locationRule: boolean;
}

const METHODS: readonly HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export class RouteTable {
  readonly #entries = new Map<string, RouteEntry>();
  // A router of its own (the one Fastify uses, same options) to ask which methods a concrete
  // path has; Fastify's router answers only for one method at a time.
  readonly #router = FindMyWay({ ignoreTrailingSlash: false, maxParamLength: 200 });

  add(entry: RouteEntry): void {
    const key = `${entry.method} ${entry.url}`;
    const known = this.#entries.has(key);
    this.#entries.set(key, entry);
    // The CORS preflight answers OPTIONS on every path: it says nothing about a path's methods.
    if (known || entry.url === '*' || entry.url === '/*') return;
    this.#router.on(entry.method as HTTPMethod, entry.url, () => undefined);
  }

  /** Moves an already recorded route to a surface. */
  claim(method: string, url: string, surface: string): void {
    const entry = this.#entries.get(`${method} ${url}`);
    if (entry) entry.surface = surface;
  }

  surfaceOf(method: string, url: string): string | undefined {
    return this.#entries.get(`${method} ${url}`)?.surface;
  }

  /** Methods that have a route for this concrete path (empty: the path is unknown). */
  allowedMethods(path: string): string[] {
    return METHODS.filter((method) => this.#router.find(method, path) !== null);
  }

  entries(): RouteEntry[] {
    return [...this.#entries.values()];
  }
}
