// What every documented route must declare, and what it gets without declaring it. Surfaces and
// platform routes both go through here from an `onRoute` hook, so a route without an operationId,
// a summary or a described success answer stops start-up, and no route spreads security or error
// schemas by hand.
import type { RouteOptions } from 'fastify';
import type { TSchema } from 'typebox';

import type { LocationRule } from '../surfaces/kit/surface.ts';
import type { RouteAuth } from './auth.ts';

/** What the routes of one scope (a surface, or the platform) share. */
export interface RouteDocScope {
  /** The scope's mount point, for the `Location` templates of 201 answers. */
  prefix: string;
  /** Error bodies by status, merged into every route's responses (the route's own win). */
  errorSchemas: Partial<Record<number, TSchema>>;
}

type JsonSchema = Record<string, unknown>;

/**
 * Throws unless a route hidden from OpenAPI, or one with an `operationId` (what generated clients
 * call the method), a `summary` and a description on every non-error response.
 */
export function assertDocumented(route: RouteOptions): void {
  const schema = route.schema as JsonSchema | undefined;
  if (schema?.['hide']) return;
  const missing = ['operationId', 'summary'].filter((key) => typeof schema?.[key] !== 'string' || !schema[key]);
  const responses = (schema?.['response'] ?? {}) as Record<string, JsonSchema>;
  for (const [status, response] of Object.entries(responses)) {
    if (!/^[45]/.test(status) && !response['description']) missing.push(`response[${status}].description`);
  }
  if (missing.length > 0) {
    const method = [route.method].flat().join(',');
    throw new Error(`Route ${method} ${route.url} does not declare schema.${missing.join(', schema.')}`);
  }
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed (invalid JSON or parameters).',
  401: 'Missing, invalid or expired access token.',
  403: 'The caller may not do this.',
  404: 'No such resource, or not visible to the caller.',
  405: 'The path exists but not with this method.',
  409: 'Conflicts with the current state of the resource.',
  410: 'Expired or no longer available.',
  413: 'The request body is too large.',
  415: 'Unsupported content type.',
  422: 'The request failed validation.',
  423: 'Locked after repeated failures; retry later.',
  429: 'Rate limit exceeded; see Retry-After.',
  460: 'The upload checksum does not match.',
  503: 'A dependency is unavailable; retry later.',
};

/**
 * Fills what every route of a scope shares: OpenAPI security from `config.auth` (and the roles
 * it admits, in the description), the scope's error responses, the `Location` header of 201
 * answers, and query parameters that have a default documented as optional.
 */
export function completeRouteSchema(route: RouteOptions, scope: RouteDocScope): void {
  const schema = route.schema as JsonSchema | undefined;
  if (!schema || schema['hide']) return;
  const config = route.config as { auth?: RouteAuth; location?: LocationRule } | undefined;
  const auth = config?.auth;
  const errors: Record<string, JsonSchema> = {};
  for (const [status, errorSchema] of Object.entries(scope.errorSchemas)) {
    if (auth === 'public' && (status === '401' || status === '403')) continue;
    if (errorSchema) errors[status] = withDescription(errorSchema as JsonSchema, ERROR_DESCRIPTIONS[Number(status)]);
  }
  const declared = (schema['response'] ?? {}) as Record<string, JsonSchema>;
  const response: Record<string, JsonSchema> = { ...errors };
  for (const [status, responseSchema] of Object.entries(declared)) {
    response[status] =
      Number(status) >= 400 ? withDescription(responseSchema, ERROR_DESCRIPTIONS[Number(status)]) : responseSchema;
  }
  if (response['201']) {
    const where = locationText(config?.location, scope.prefix, route.url);
    response['201'] = withHeader(response['201'], 'Location', { type: 'string', description: where });
  }
  route.schema = {
    ...schema,
    ...rolesNote(schema['description'], auth),
    security: schema['security'] ?? securityFor(auth),
    response,
    ...(schema['querystring'] ? { querystring: defaultsOptional(schema['querystring'] as JsonSchema) } : {}),
  } as RouteOptions['schema'];
}

function securityFor(auth: RouteAuth | undefined): Record<string, string[]>[] {
  if (auth === undefined || auth === 'public') return [];
  if (auth === 'optional') return [{}, { bearerAuth: [] }];
  return [{ bearerAuth: [] }];
}

/** OpenAPI security says a token is needed, not whose: routes limited to roles say so in the description. */
function rolesNote(description: unknown, auth: RouteAuth | undefined): { description?: string } {
  if (!Array.isArray(auth)) return {};
  const note = `Roles: ${auth.join(', ')}.`;
  return { description: typeof description === 'string' && description ? `${description}\n\n${note}` : note };
}

/** What the `Location` of a route's 201 answer points at, for its OpenAPI description. */
function locationText(rule: LocationRule | undefined, prefix: string, url: string): string {
  if (typeof rule === 'string') return `The created resource: \`${prefix}${rule}\`.`;
  if (rule) return 'The created resource.';
  return `The created resource: \`${url.replace(/\/$/, '')}/{id}\`.`;
}

function withHeader(schema: JsonSchema, name: string, header: JsonSchema): JsonSchema {
  const headers = (schema['headers'] ?? {}) as Record<string, JsonSchema>;
  return { ...schema, headers: { ...headers, [name]: header } };
}

function withDescription(schema: JsonSchema, description: string | undefined): JsonSchema {
  return schema['description'] || !description ? schema : { ...schema, description };
}

/** A copy of an object schema whose properties with a default are no longer required. */
function defaultsOptional(schema: JsonSchema): JsonSchema {
  const required = schema['required'] as string[] | undefined;
  const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
  if (!required || !properties) return schema;
  return { ...schema, required: required.filter((name) => properties[name]?.['default'] === undefined) };
}
