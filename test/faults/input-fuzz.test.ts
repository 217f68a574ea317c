// Bad bytes and huge numbers against every operation of every committed OpenAPI document
// (openapi/*.json), so a new route is covered the day it lands: a NUL character or an unpaired
// surrogate in any path parameter, query parameter or JSON body field answers 400/422 in the
// surface's own error format, a 64-bit-overflowing number answers 4xx, never 500; and every
// integer a request can carry is declared with both bounds.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import type { LightMyRequestResponse } from 'fastify';

import { startTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Target {
  surface: string;
  method: string;
  path: string;
  operation: Operation;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const HUGE = '9223372036854775808';
const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';

const targets: Target[] = readdirSync('openapi')
  .filter((file) => file.endsWith('.json'))
  .flatMap((file) => {
    const document = JSON.parse(readFileSync(`openapi/${file}`, 'utf8')) as {
      paths: Record<string, Record<string, Operation>>;
    };
    return Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        surface: file.replace(/\.json$/, ''),
        method: method.toUpperCase(),
        path,
        operation: item[method]!,
      })),
    );
  });

const lectern = await startTestApp();
const admin = await createUser(lectern, { role: 'admin' });

/** A URL for the target with every path parameter set to `value` (or a plain id) and `query` appended. */
function url(target: Target, pathValue: string | undefined, query: Record<string, string> = {}): string {
  const path = target.path.replace(/\{(\w+)\}/g, () =>
    pathValue === undefined ? '00000000-0000-4000-8000-000000000000' : encodeText(pathValue),
  );
  const search = Object.entries(query)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeText(value)}`)
    .join('&');
  return search ? `${path}?${search}` : path;
}

/** Percent-encoding that also carries an unpaired surrogate (as its 3-byte form, as a raw client would). */
function encodeText(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.charCodeAt(0);
      if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
          .map((byte) => `%${byte.toString(16).toUpperCase()}`)
          .join('');
      }
      return encodeURIComponent(char);
    })
    .join('');
}

const jsonBody = (target: Target) => target.operation.requestBody?.content['application/json']?.schema;
const parameters = (target: Target, where: 'path' | 'query') =>
  (target.operation.parameters ?? []).filter((parameter) => parameter.in === where);

async function send(target: Target, requestUrl: string, body?: unknown): Promise<LightMyRequestResponse> {
  return lectern.app.inject({
    method: target.method,
    url: requestUrl,
    headers: { ...admin.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** The answer is a validation refusal in the target surface's documented error format. */
function assertRefusedInFormat(target: Target, response: LightMyRequestResponse, what: string): void {
  const where = `${target.method} ${target.path} (${what}): ${response.statusCode} ${response.body.slice(0, 300)}`;
  assert.ok([400, 422].includes(response.statusCode), where);
  const body = response.json() as Record<string, unknown>;
  switch (target.surface) {
    case 'native':
      assert.ok('detail' in body, where);
      break;
    case 'gateway':
      assert.equal(body['status_code'], response.statusCode, where);
      break;
    case 'services':
      assert.ok('error' in body || 'code' in body, where);
      break;
    case 'django':
      // DRF: 400 with `{field: [messages]}` (or `{detail}`).
      assert.equal(response.statusCode, 400, where);
      assert.ok(Object.keys(body).length > 0 && !('success' in body), where);
      break;
    case 'envelope':
      assert.equal(body['success'], false, where);
      break;
    default:
      assert.match(String(response.headers['content-type']), /problem\+json/, where);
  }
}

function stringFields(schema: Schema | undefined): string[] {
  return Object.entries(schema?.properties ?? {})
    .filter(([, field]) => acceptsType(field, 'string') || acceptsType(field, 'array'))
    .map(([name]) => name);
}

function acceptsType(schema: Schema, type: string): boolean {
  const types = [schema.type ?? []].flat();
  return types.includes(type) || [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some((s) => acceptsType(s, type));
}

/** Every integer reachable in a request schema, with where it is. */
function integers(schema: Schema | undefined, where: string): { where: string; schema: Schema }[] {
  if (!schema) return [];
  const here = [schema.type ?? []].flat().includes('integer') ? [{ where, schema }] : [];
  return [
    ...here,
    ...Object.entries(schema.properties ?? {}).flatMap(([name, field]) => integers(field, `${where}.${name}`)),
    ...integers(schema.items, `${where}[]`),
    ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].flatMap((s) => integers(s, where)),
  ];
}

describe('bad text and huge numbers on every route of every surface', () => {
  it('covers every documented operation', () => {
    assert.ok(targets.length > 200, `only ${targets.length} operations found`);
    for (const surface of ['native', 'gateway', 'services', 'envelope', 'platform']) {
      assert.ok(
        targets.some((target) => target.surface === surface),
        surface,
      );
    }
  });

  it("answers the report's cases in each surface's format and stores nothing", async () => {
    const student = await createUser(lectern, { fullName: 'Before' });
    const patched = await lectern.app.inject({
      method: 'PATCH',
      url: '/api/v1/users/me',
      headers: { ...student.auth, 'content-type': 'application/json' },
      payload: '{"full_name":"a\\u0000b"}',
    });
    assert.equal(patched.statusCode, 422);
    assert.deepEqual(patched.json(), {
      detail: [
        {
          loc: ['body', 'full_name'],
          msg: 'must not contain NUL characters or unpaired UTF-16 surrogates',
          type: 'value_error.text',
        },
      ],
    });
    const me = await lectern.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: student.auth });
    assert.equal(me.json().full_name, 'Before');

    const huge = await lectern.app.inject({ method: 'GET', url: `/api/v1/courses?page=${HUGE}` });
    assert.equal(huge.statusCode, 422);
    const infinite = await lectern.app.inject({ method: 'GET', url: '/v1/courses?page=1e400' });
    assert.equal(infinite.statusCode, 400);
    assert.equal(infinite.json().error.code, 'VALIDATION_ERROR');
    const services = await lectern.app.inject({
      method: 'GET',
      url: '/api/courses?search=a%00b',
      headers: student.auth,
    });
    assert.equal(services.statusCode, 400);
    assert.equal(services.json().error.code, 'INVALID_FIELD_FORMAT');
  });

  it('refuses a NUL or an unpaired surrogate in any path parameter', { timeout: 120_000 }, async () => {
    for (const target of targets.filter((t) => parameters(t, 'path').length > 0)) {
      for (const bad of [NUL, SURROGATE]) {
        assertRefusedInFormat(target, await send(target, url(target, bad)), `path ${JSON.stringify(bad)}`);
      }
    }
  });

  it('refuses a NUL or an unpaired surrogate in any query parameter', { timeout: 120_000 }, async () => {
    for (const target of targets) {
      for (const parameter of parameters(target, 'query')) {
        for (const bad of [NUL, SURROGATE]) {
          const response = await send(target, url(target, undefined, { [parameter.name]: bad }));
          assertRefusedInFormat(target, response, `query ${parameter.name}=${JSON.stringify(bad)}`);
        }
      }
    }
  });

  it('refuses a NUL or an unpaired surrogate in any JSON body field, and in a key', { timeout: 120_000 }, async () => {
    for (const target of targets) {
      const schema = jsonBody(target);
      if (!schema) continue;
      for (const field of stringFields(schema)) {
        for (const bad of [NUL, SURROGATE]) {
          const response = await send(target, url(target, undefined), { [field]: bad });
          assertRefusedInFormat(target, response, `body ${field}=${JSON.stringify(bad)}`);
        }
      }
      if (schema.type === 'object') {
        assertRefusedInFormat(target, await send(target, url(target, undefined), { [NUL]: 1 }), 'body key');
      }
    }
  });

  it('answers a number past 64 bits in any integer parameter or field with 4xx', { timeout: 120_000 }, async () => {
    for (const target of targets) {
      const numeric = (p: Parameter) =>
        p.schema && (acceptsType(p.schema, 'integer') || acceptsType(p.schema, 'number'));
      const checks: [string, Promise<LightMyRequestResponse>][] = [];
      for (const parameter of parameters(target, 'query').filter(numeric)) {
        checks.push([`query ${parameter.name}`, send(target, url(target, undefined, { [parameter.name]: HUGE }))]);
        checks.push([
          `query ${parameter.name}=1e400`,
          send(target, url(target, undefined, { [parameter.name]: '1e400' })),
        ]);
      }
      if (parameters(target, 'path').length > 0) checks.push(['path', send(target, url(target, HUGE))]);
      const schema = jsonBody(target);
      for (const [name, field] of Object.entries(schema?.properties ?? {})) {
        if (!acceptsType(field, 'integer') && !acceptsType(field, 'number')) continue;
        const huge = `{"${name}": ${HUGE}}`;
        checks.push([
          `body ${name}`,
          lectern.app.inject({
            method: target.method,
            url: url(target, undefined),
            headers: { ...admin.auth, 'content-type': 'application/json' },
            payload: huge,
          }),
        ]);
        const overflow = `{"${name}": 1e400}`;
        checks.push([
          `body ${name}=1e400`,
          lectern.app.inject({
            method: target.method,
            url: url(target, undefined),
            headers: { ...admin.auth, 'content-type': 'application/json' },
            payload: overflow,
          }),
        ]);
      }
      for (const [what, pending] of checks) {
        const response = await pending;
        const where = `${target.method} ${target.path} (${what}): ${response.statusCode} ${response.body.slice(0, 300)}`;
        assert.ok(response.statusCode >= 400 && response.statusCode < 500, where);
      }
    }
  });

  it('declares both bounds on every integer a request can carry', () => {
    const unbounded: string[] = [];
    for (const target of targets) {
      const found = [
        ...(target.operation.parameters ?? []).flatMap((p) => integers(p.schema, `${p.in} ${p.name}`)),
        ...integers(jsonBody(target), 'body'),
      ];
      for (const { where, schema } of found) {
        const low = schema.minimum ?? schema.exclusiveMinimum;
        const high = schema.maximum ?? schema.exclusiveMaximum;
        if (low === undefined || high === undefined) unbounded.push(`${target.method} ${target.path} ${where}`);
      }
    }
    assert.deepEqual(unbounded, []);
  });
});
