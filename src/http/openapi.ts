// One OpenAPI document per surface, cut from the app's whole document by the route table:
// `/docs` shows them side by side and `npm run openapi` commits them to openapi/.
import type { FastifyInstance } from 'fastify';

import type { OpenApiTag, Surface } from '../surfaces/kit/surface.ts';
import type { RouteTable } from './route-table.ts';

export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

const PLATFORM: { title: string; description: string; tags: readonly OpenApiTag[] } = {
  title: 'Lectern platform',
  description:
    'Routes shared by every surface: health and readiness, built-in mail-link pages, signed storage links, tus resumable uploads. Errors are RFC 9457 problem details.',
  tags: [
    { name: 'health', description: 'Liveness and readiness probes for load balancers and orchestrators.' },
    {
      name: 'pages',
      description:
        'Minimal HTML pages for the links in mails (verify an address, reset a password, confirm an email change), served only while APP_URL names no frontend. Errors are HTML pages too.',
    },
    {
      name: 'storage',
      description:
        'Signed links of the local-disk storage (absent when files live in S3): the upload and download URLs other endpoints hand out. The signature in the query is the credential.',
    },
    {
      name: 'uploads',
      description:
        'The tus 1.0 endpoint for resumable media uploads. Uploads are created through an API (the `upload_link` of a resumable media upload); the unguessable upload id is the credential.',
    },
  ],
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
      const [documented, described] = namedWildcard(path, withIdempotencyKey(method, operation as Operation));
      paths[documented] = { ...paths[documented], [method]: described };
      byName.set(name, paths);
    }
  }
  const documents = new Map<string, OpenApiDocument>();
  for (const { name, title, description, tags } of [...surfaces, { name: 'platform', ...PLATFORM }]) {
    const paths = byName.get(name);
    if (!paths) continue;
    documents.set(name, {
      ...full,
      info: { ...full.info, title, description },
      servers: [{ url: serverUrl, description: 'This Lectern server' }],
      ...(tags ? { tags: [...tags] } : {}),
      components: usedComponents(full['components'] as Components | undefined, paths),
      paths,
    });
  }
  return documents;
}

interface Components {
  securitySchemes?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The components with only the security schemes this document's operations use. */
function usedComponents(components: Components | undefined, paths: OpenApiDocument['paths']): Components {
  const used = new Set<string>();
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const requirement of (operation as { security?: Record<string, unknown>[] }).security ?? []) {
        for (const scheme of Object.keys(requirement)) used.add(scheme);
      }
    }
  }
  const schemes = Object.entries(components?.securitySchemes ?? {}).filter(([name]) => used.has(name));
  const { securitySchemes: _all, ...rest } = components ?? {};
  return { ...rest, ...(schemes.length > 0 ? { securitySchemes: Object.fromEntries(schemes) } : {}) };
}

interface Operation {
  parameters?: { name: string; in: string }[];
  security?: Record<string, unknown>[];
  [key: string]: unknown;
}

/**
 * Fastify's wildcard `*` is no OpenAPI parameter name (no generator makes an argument of it): the
 * documents call it `path`, the rest of the URL path.
 */
function namedWildcard(path: string, operation: Operation): [string, Operation] {
  if (!path.includes('{*}')) return [path, operation];
  const parameters = operation.parameters?.map((parameter) =>
    parameter.in === 'path' && parameter.name === '*' ? { ...parameter, name: 'path' } : parameter,
  );
  return [path.replace('{*}', '{path}'), { ...operation, ...(parameters ? { parameters } : {}) }];
}

const UNSAFE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** The header src/http/idempotency.ts honours on every unsafe request of a signed-in caller. */
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe (IETF httpapi idempotency-key draft): a repeat with the same key answers with the stored first response and `Idempotent-Replayed: true`; a repeat while the first still runs → 409 with `Retry-After`; the same key with a different request → 422. Keys are kept 24 hours per user; ignored on anonymous requests.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

function withIdempotencyKey(method: string, operation: Operation): Operation {
  const signedIn = operation.security?.some((requirement) => Object.keys(requirement).length > 0);
  if (!UNSAFE_METHODS.has(method) || !signedIn) return operation;
  return { ...operation, parameters: [...(operation.parameters ?? []), IDEMPOTENCY_KEY] };
}

/** `/a/{id}/{*}` (OpenAPI) → `/a/:id/*` (Fastify). */
const toFastifyUrl = (path: string) => path.replace('{*}', '*').replace(/\{(\w+)\}/g, ':$1');
