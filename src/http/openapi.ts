// One OpenAPI document per surface, cut from the app's whole document by the route table:
// `/docs` shows them side by side and `npm run openapi` commits them to openapi/.
import type { FastifyInstance } from 'fastify';

import type { Surface } from '../surfaces/kit/surface.ts';
import type { RouteTable } from './route-table.ts';

export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

const PLATFORM = {
  title: 'Lectern platform',
  description:
    'Routes shared by every surface: health and readiness, signed storage links, tus resumable uploads. Errors are RFC 9457 problem details.',
};

/** `{surface name → document}`, surfaces in the order they were mounted, then `platform`. */
export function surfaceDocuments(
  app: FastifyInstance,
  surfaces: readonly Surface[],
  table: RouteTable,
  serverUrl: string,
): Map<string, OpenApiDocument> {
  const full = app.swagger() as unknown as OpenApiDocument;
  const byName = new Map<string, OpenApiDocument['paths']>();
  for (const [path, operations] of Object.entries(full.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const name = table.surfaceOf(method.toUpperCase(), toFastifyUrl(path)) ?? 'platform';
      const paths = byName.get(name) ?? {};
      paths[path] = { ...paths[path], [method]: operation };
      byName.set(name, paths);
    }
  }
  const documents = new Map<string, OpenApiDocument>();
  for (const { name, title, description } of [...surfaces, { name: 'platform', ...PLATFORM }]) {
    const paths = byName.get(name);
    if (!paths) continue;
    documents.set(name, {
      ...full,
      info: { ...full.info, title, description },
      servers: [{ url: serverUrl, description: 'This Lectern server' }],
      paths,
    });
  }
  return documents;
}

/** `/a/{id}/{*}` (OpenAPI) → `/a/:id/*` (Fastify). */
const toFastifyUrl = (path: string) => path.replace('{*}', '*').replace(/\{(\w+)\}/g, ':$1');
