// The surface kit through HTTP: each prefix's unknown paths and wrong methods answer in its own
// contract's format, 201s carry Location, native lists carry Link headers, browsers may call
// every method cross-origin, and answers are compressed when the client accepts it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();
const inject = lectern.app.inject.bind(lectern.app);

describe('unknown paths and wrong methods', () => {
  it('answers 404 under /api/v1 in 001 format, under 000 paths in 000 format, elsewhere as problem JSON', async () => {
    const native = await inject({ method: 'GET', url: '/api/v1/nowhere?x=1' });
    assert.equal(native.statusCode, 404);
    assert.deepEqual(native.json(), { detail: 'No route GET /api/v1/nowhere' });

    const gateway = await inject({ method: 'GET', url: '/api/v1/content/nowhere' });
    assert.equal(gateway.statusCode, 404);
    const body = gateway.json();
    assert.equal(body.error_code, 'ROUTE_NOT_FOUND');
    assert.equal(body.status_code, 404);
    assert.match(body.timestamp, /^\d{4}-\d\d-\d\dT/);
    assert.equal(typeof body.detail, 'string');

    const services = await inject({ method: 'GET', url: '/api/nowhere', headers: { 'x-request-id': 'req-404' } });
    assert.equal(services.statusCode, 404);
    assert.deepEqual(services.json(), {
      error: { code: 'RESOURCE_NOT_FOUND', message: 'No route GET /api/nowhere', details: {}, request_id: 'req-404' },
    });
    const servicesAuth = await inject({ method: 'POST', url: '/api/auth/nowhere' });
    assert.deepEqual(servicesAuth.json(), { code: 'RESOURCE_NOT_FOUND', message: 'No route POST /api/auth/nowhere' });

    const outside = await inject({ method: 'GET', url: '/nowhere' });
    assert.equal(outside.statusCode, 404);
    assert.match(String(outside.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual(outside.json(), {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No route GET /nowhere',
      code: 'ROUTE_NOT_FOUND',
    });
  });

  it('answers 405 with Allow for a known path and another method, in the owning surface format', async () => {
    const native = await inject({ method: 'DELETE', url: '/api/v1/auth/login' });
    assert.equal(native.statusCode, 405);
    assert.equal(native.headers['allow'], 'POST');
    assert.match(native.json().detail, /DELETE is not allowed/);

    const gateway = await inject({ method: 'GET', url: '/api/v1/login' });
    assert.equal(gateway.statusCode, 405);
    assert.equal(gateway.headers['allow'], 'POST');
    assert.equal(gateway.json().error_code, 'METHOD_NOT_ALLOWED');
    assert.equal(gateway.json().status_code, 405);

    // One path, methods from two surfaces (001's GET/PATCH, 000's PUT, and the admin's
    // /users/{id} that the path also matches): Allow lists them all.
    const shared = await inject({ method: 'POST', url: '/api/v1/users/me' });
    assert.equal(shared.statusCode, 405);
    assert.equal(shared.headers['allow'], 'GET, HEAD, PUT, PATCH, DELETE');
  });

  it('redirects a trailing slash on native paths as FastAPI does, and never matches an empty id', async () => {
    const redirected = await inject({ method: 'GET', url: '/api/v1/courses/?page=2' });
    assert.equal(redirected.statusCode, 307);
    assert.equal(redirected.headers['location'], '/api/v1/courses?page=2');
    const post = await inject({ method: 'POST', url: '/api/v1/auth/login/', payload: {} });
    assert.equal(post.statusCode, 307);
    assert.equal(post.headers['location'], '/api/v1/auth/login');
    // /lessons/ has no route without the slash either: 404, not a lesson with id "".
    const empty = await inject({ method: 'GET', url: '/api/v1/lessons/' });
    assert.equal(empty.statusCode, 404);
    assert.deepEqual(empty.json(), { detail: 'No route GET /api/v1/lessons/' });
  });
});

describe('HTTP conventions', () => {
  it('puts Location on 201 answers and RFC 8288 Link headers on native lists', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const created = await inject({
      method: 'POST',
      url: '/api/v1/courses',
      headers: instructor.auth,
      payload: { title: 'Located course' },
    });
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers['location'], `/api/v1/courses/${created.json().id}`);
    const followed = await inject({
      method: 'GET',
      url: String(created.headers['location']),
      headers: instructor.auth,
    });
    assert.equal(followed.statusCode, 200);

    for (let i = 0; i < 2; i++) {
      await inject({
        method: 'POST',
        url: '/api/v1/courses',
        headers: instructor.auth,
        payload: { title: `More ${i}` },
      });
    }
    const page = await inject({
      method: 'GET',
      url: '/api/v1/courses?mine=true&page=2&page_size=1',
      headers: instructor.auth,
    });
    assert.equal(page.statusCode, 200);
    assert.equal(page.json().total, 3);
    const link = String(page.headers['link']);
    const base = 'http://lectern.test/api/v1/courses?mine=true';
    assert.equal(
      link,
      [
        `<${base}&page=1&page_size=1>; rel="first"`,
        `<${base}&page=1&page_size=1>; rel="prev"`,
        `<${base}&page=3&page_size=1>; rel="next"`,
        `<${base}&page=3&page_size=1>; rel="last"`,
      ].join(', '),
    );
  });

  it('points Location at the created resource where it lives elsewhere than <path>/<id>', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const student = await createUser(lectern);
    const course = await createCourse(lectern, instructor, { publish: true });

    const enrolled = await inject({
      method: 'POST',
      url: `/api/v1/courses/${course.id}/enroll`,
      headers: student.auth,
    });
    assert.equal(enrolled.statusCode, 201);
    assert.equal(enrolled.headers['location'], `/api/v1/enrollments/${enrolled.json().id}`);
    const enrollment = await inject({
      method: 'GET',
      url: String(enrolled.headers['location']),
      headers: student.auth,
    });
    assert.equal(enrollment.statusCode, 200);
    assert.equal(enrollment.json().course_id, course.id);

    const lesson = await inject({
      method: 'POST',
      url: `/api/v1/courses/${course.id}/lessons`,
      headers: instructor.auth,
      payload: { title: 'Located lesson', content_type: 'text', content: 'Here' },
    });
    assert.equal(lesson.statusCode, 201);
    assert.equal(lesson.headers['location'], `/api/v1/lessons/${lesson.json().id}`);
    const followed = await inject({ method: 'GET', url: String(lesson.headers['location']), headers: instructor.auth });
    assert.equal(followed.json().title, 'Located lesson');

    const media = await inject({
      method: 'POST',
      url: `/api/v1/lessons/${lesson.json().id}/media/presign`,
      headers: instructor.auth,
      payload: { content_type: 'video/mp4', file_size: 1000, file_name: 'clip.mp4' },
    });
    assert.equal(media.statusCode, 201);
    assert.equal(media.headers['location'], `/api/v1/media-assets/${media.json().media_asset_id}`);
  });

  it('names the allowed values when an enum is wrong, in one message', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const response = await inject({
      method: 'POST',
      url: '/api/v1/courses',
      headers: instructor.auth,
      payload: { title: 'Enum', difficulty_level: 'wizard' },
    });
    assert.equal(response.statusCode, 422);
    assert.deepEqual(response.json().detail, [
      {
        loc: ['body', 'difficulty_level'],
        msg: 'must be one of: beginner, intermediate, advanced, expert',
        type: 'value_error.enum',
      },
    ]);
  });

  it('lets a browser on an allowed origin preflight every method the API uses', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const preflight = await inject({
        method: 'OPTIONS',
        url: '/api/v1/users/me',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization, content-type, idempotency-key',
        },
      });
      assert.equal(preflight.statusCode, 204, method);
      assert.equal(preflight.headers['access-control-allow-origin'], 'http://localhost:5173');
      assert.ok(String(preflight.headers['access-control-allow-methods']).split(/,\s*/).includes(method), method);
      assert.match(String(preflight.headers['access-control-allow-headers']), /authorization/);
    }
    const answer = await inject({ method: 'GET', url: '/api/v1/health', headers: { origin: 'http://localhost:5173' } });
    const exposed = String(answer.headers['access-control-expose-headers']).split(/,\s*/);
    for (const header of [
      'x-request-id',
      'retry-after',
      'x-ratelimit-remaining',
      'location',
      'link',
      'upload-offset',
    ]) {
      assert.ok(exposed.includes(header), header);
    }
  });

  it('compresses large answers when the client accepts it', async () => {
    const plain = await inject({ method: 'GET', url: '/docs/openapi/native.json' });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    const gzip = await inject({
      method: 'GET',
      url: '/docs/openapi/native.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.ok(gzip.rawPayload.length < plain.rawPayload.length / 3);
  });

  it('serves /docs without upgrade-insecure-requests, so it works over plain HTTP on any host', async () => {
    const page = await inject({ method: 'GET', url: '/docs/', headers: { host: '192.168.1.20:8000' } });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(String(page.headers['content-security-policy']), /upgrade-insecure-requests/);
    const api = await inject({ method: 'GET', url: '/api/v1/health' });
    assert.doesNotMatch(String(api.headers['content-security-policy']), /upgrade-insecure-requests/);
  });
});
