import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();

describe('HTTP platform', () => {
  it('answers liveness without touching the database', async () => {
    const response = await lectern.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
  });

  it('reports readiness of the database and Redis', async () => {
    const response = await lectern.app.inject({ method: 'GET', url: '/api/v1/ready' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      status: 'ok',
      database: 'up',
      redis: process.env['REDIS_URL'] ? 'up' : 'not_configured',
    });
  });

  it('puts an X-Request-Id on every response, keeping a sane incoming one', async () => {
    const generated = await lectern.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.match(String(generated.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    const kept = await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { 'x-request-id': 'trace-123' },
    });
    assert.equal(kept.headers['x-request-id'], 'trace-123');
    const replaced = await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { 'x-request-id': 'bad id\twith junk' },
    });
    assert.notEqual(replaced.headers['x-request-id'], 'bad id\twith junk');
    const missing = await lectern.app.inject({ method: 'GET', url: '/api/v1/nowhere' });
    assert.equal(missing.statusCode, 404);
    assert.ok(missing.headers['x-request-id']);
  });

  it('sends security headers and honours CORS_ORIGINS', async () => {
    const response = await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { origin: 'http://localhost:5173' },
    });
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.ok(response.headers['strict-transport-security']);
    assert.equal(response.headers['access-control-allow-origin'], 'http://localhost:5173');
    const foreign = await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { origin: 'http://evil.test' },
    });
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
    assert.equal(foreign.headers['access-control-allow-credentials'], undefined);
    // A client that is not a browser (no Origin) gets no CORS headers, only `Vary: Origin` for caches.
    const server = await lectern.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(server.statusCode, 200);
    assert.deepEqual(
      Object.keys(server.headers).filter((name) => name.startsWith('access-control-')),
      [],
    );
    assert.match(String(server.headers['vary']), /Origin/);
    assert.equal(response.headers['access-control-allow-credentials'], 'true');
  });

  it('serves Prometheus metrics and the OpenAPI docs', async () => {
    await lectern.app.inject({ method: 'GET', url: '/api/v1/health' });
    const metrics = await lectern.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.body, /http_request_duration_seconds_bucket\{.*route="\/api\/v1\/health"/);
    const spec = await lectern.app.inject({ method: 'GET', url: '/docs/json' });
    assert.equal(spec.statusCode, 200);
    assert.equal(spec.json().openapi, '3.1.0');
    assert.ok(spec.json().paths['/api/v1/auth/login']);
    const page = await lectern.app.inject({ method: 'GET', url: '/docs' });
    assert.ok([200, 302].includes(page.statusCode));
  });

  it('refuses malformed JSON and oversized bodies with 4xx in the surface format', async () => {
    const malformed = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.c", "password": ',
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal(typeof malformed.json().detail, 'string');
    const huge = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(2_000_000) }),
    });
    assert.equal(huge.statusCode, 413);
    assert.equal(typeof huge.json().detail, 'string');
  });

  it('answers schema violations with FastAPI-style 422 details', async () => {
    const response = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'not-an-email', password: 'Abcdefg1', full_name: 'X' },
    });
    assert.equal(response.statusCode, 422);
    const [problem] = response.json().detail;
    assert.deepEqual(problem.loc, ['body', 'email']);
    assert.equal(typeof problem.msg, 'string');
  });

  it('never leaks stack traces or SQL on bad identifiers', async () => {
    const user = await createUser(lectern);
    const response = await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/admin/outbox?page=abc',
      headers: user.auth,
    });
    assert.ok(response.statusCode < 500);
    assert.doesNotMatch(response.body, /select|stack|at \w+ \(/i);
  });

  it('fails start-up when a route does not declare who may call it', async () => {
    const { default: Fastify } = await import('fastify');
    const { installAuth } = await import('../../src/http/auth.ts');
    const app = Fastify();
    installAuth(app, { authenticate: async () => ({ id: 'x', role: 'student', sessionId: 'y' }) });
    assert.throws(() => app.get('/undeclared', async () => 'x'), /does not declare config.auth/);
    await app.close();
  });

  it('fails start-up when a platform route lacks an operationId, a summary or a success description', async () => {
    const { default: Fastify } = await import('fastify');
    const { assertDocumented } = await import('../../src/http/route-docs.ts');
    const app = Fastify();
    app.addHook('onRoute', assertDocumented);
    const handler = async () => 'x';
    assert.throws(
      () => app.get('/bare', { schema: {} }, handler),
      /Route GET \/bare does not declare schema.operationId, schema.summary/,
    );
    const terse = { operationId: 'getTerse', summary: 'Get it', response: { 200: { type: 'string' } } };
    assert.throws(
      () => app.get('/terse', { schema: terse }, handler),
      /does not declare schema.response\[200\].description/,
    );
    // Hidden routes are not documented; error answers take their description from the surface.
    app.get('/hidden', { schema: { hide: true } }, handler);
    const response = { 200: { type: 'string', description: 'It.' }, 404: { type: 'string' } };
    app.get('/documented', { schema: { operationId: 'getIt', summary: 'Get it', response } }, handler);
    await app.close();
  });

  it('fails start-up when a surface route lacks an operationId or a summary', async () => {
    const { default: Fastify } = await import('fastify');
    const { mountSurface } = await import('../../src/http/surfaces.ts');
    const { RouteTable } = await import('../../src/http/route-table.ts');
    const { defineSurface } = await import('../../src/surfaces/kit/surface.ts');
    const surface = (summary: string | undefined) =>
      defineSurface({
        name: 'probe',
        prefix: '/probe',
        title: 'Probe',
        description: 'A surface with one route',
        tags: [{ name: 'probe', description: 'The probe' }],
        renderError: (error) => ({ message: error.message }),
        errorSchemas: {},
        routes: async (scope) => {
          scope.get(
            '/thing',
            {
              config: { auth: 'public' },
              schema: { operationId: 'getThing', ...(summary ? { summary } : {}), tags: ['probe'] },
            },
            async () => 'x',
          );
        },
      });
    const app = Fastify();
    await assert.rejects(
      mountSurface(app, surface(undefined), new RouteTable()),
      /Route GET \/probe\/thing does not declare schema.summary/,
    );
    await app.close();
    const fine = Fastify();
    await mountSurface(fine, surface('Get the thing'), new RouteTable());
    await fine.ready();
    await fine.close();
  });
});
