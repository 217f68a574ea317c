// The Vimeo provider of resumable uploads, against a real HTTP server on loopback that speaks
// Vimeo's API (POST /me/videos with a tus approach, GET /videos/{id} for the transcode status,
// PATCH and DELETE /videos/{id} for 000's metadata and deletion paths).
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';

import type { InjectOptions, LightMyRequestResponse } from 'fastify';

import { assertGatewayError } from '../gateway/gateway-helpers.ts';
import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import { createUser } from '../helpers/factories.ts';

const TOKEN = 'test-token-vimeo-secret';

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** Vimeo as far as Lectern uses it; `failWith` makes the next answers an error status. */
const vimeo = {
  seen: [] as SeenRequest[],
  videos: new Map<string, { transcode: string; duration: number; base_link: string }>(),
  nextId: 900_000,
  failWith: 0,
};

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  vimeo.seen.push({
    method: request.method ?? '',
    url: request.url ?? '',
    headers: request.headers,
    body: text ? JSON.parse(text) : null,
  });
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/vnd.vimeo.video+json' });
    response.end(JSON.stringify(body));
  };
  if (request.headers.authorization !== `bearer ${TOKEN}`)
    return send(401, { error: 'A valid user token must be passed.' });
  if (vimeo.failWith) return send(vimeo.failWith, { error: 'Something strange occurred. Please try again.' });
  if (request.method === 'POST' && request.url === '/me/videos') {
    const id = String(++vimeo.nextId);
    vimeo.videos.set(id, {
      transcode: 'in_progress',
      duration: 0,
      base_link: `https://i.vimeocdn.com/video/${id}-thumb`,
    });
    return send(200, {
      uri: `/videos/${id}`,
      name: 'x',
      upload: {
        approach: 'tus',
        upload_link: `https://asia-files.tus.vimeo.com/files/vimeo-video/${id}?token=abc`,
        size: 1,
      },
    });
  }
  const bare = /^\/videos\/(\d+)$/.exec(request.url ?? '');
  if (bare && request.method === 'PATCH') {
    if (!vimeo.videos.has(bare[1]!)) return send(404, { error: 'The requested video could not be found' });
    return send(200, { uri: `/videos/${bare[1]}`, ...(text ? (JSON.parse(text) as object) : {}) });
  }
  if (bare && request.method === 'DELETE') {
    if (!vimeo.videos.delete(bare[1]!)) return send(404, { error: 'The requested video could not be found' });
    response.writeHead(204);
    return void response.end();
  }
  const match = /^\/videos\/(\d+)\?fields=transcode\.status,duration,pictures\.base_link$/.exec(request.url ?? '');
  const video = match ? vimeo.videos.get(match[1]!) : undefined;
  if (request.method === 'GET' && video) {
    return send(200, {
      transcode: { status: video.transcode },
      duration: video.duration,
      pictures: { base_link: video.base_link },
    });
  }
  return send(404, { error: 'The requested video could not be found' });
}

const server = createServer((request, response) => void handle(request, response));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
after(() => new Promise<void>((resolve) => server.close(() => resolve())));
const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const lectern = await startTestApp({ VIMEO_ACCESS_TOKEN: TOKEN, VIMEO_API_URL: apiUrl });

/** Every response body and header seen by the tests, to prove the token never leaves Lectern. */
const responses: string[] = [];
async function call(options: InjectOptions): Promise<LightMyRequestResponse> {
  const response = await lectern.app.inject(options);
  responses.push(response.body, JSON.stringify(response.headers));
  return response;
}

describe('resumable uploads through Vimeo', () => {
  it('hands out Vimeo’s upload_link and follows the transcode to ready', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const course = await createCourse(lectern, instructor);
    const before = vimeo.seen.length;
    const created = await call({
      method: 'POST',
      url: '/api/v1/media-assets/resumable',
      headers: instructor.auth,
      payload: { lesson_id: course.lessonIds[0], name: 'Lesson Video', size: 123_456 },
    });
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json();
    const videoId = String(vimeo.nextId);
    assert.equal(body.upload_link, `https://asia-files.tus.vimeo.com/files/vimeo-video/${videoId}?token=abc`);
    assert.equal(body.upload_id, videoId);
    assert.equal(body.asset.provider, 'vimeo');
    assert.equal(body.asset.vimeo_id, videoId);
    assert.equal(body.asset.status, 'uploading');

    // Vimeo was asked exactly as its API documents.
    const [request] = vimeo.seen.slice(before);
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/me/videos');
    assert.equal(request.headers.authorization, `bearer ${TOKEN}`);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers.accept, 'application/vnd.vimeo.*+json;version=3.4');
    assert.deepEqual(request.body, { upload: { approach: 'tus', size: 123_456 }, name: 'Lesson Video' });

    const row = await lectern.database.db
      .selectFrom('media_assets')
      .selectAll()
      .where('id', '=', body.media_asset_id)
      .executeTakeFirstOrThrow();
    assert.equal(row.provider, 'vimeo');
    assert.equal(row.vimeo_id, videoId);
    assert.equal(row.lesson_id, course.lessonIds[0]);

    // No local processing: the worker has nothing to do with a Vimeo asset.
    await lectern.queue.settle();
    const url = `/api/v1/media-assets/${body.media_asset_id}`;
    assert.equal((await call({ method: 'GET', url, headers: instructor.auth })).json().status, 'uploading');

    const pending = await call({ method: 'POST', url: `${url}/complete`, headers: instructor.auth });
    assert.equal(pending.statusCode, 202, pending.body);
    assert.equal(pending.json().status, 'processing');
    const again = await call({ method: 'POST', url: `${url}/complete`, headers: instructor.auth });
    assert.equal(again.json().status, 'processing');

    vimeo.videos.set(videoId, {
      transcode: 'complete',
      duration: 95,
      base_link: `https://i.vimeocdn.com/video/${videoId}-thumb`,
    });
    const done = await call({ method: 'POST', url: `${url}/complete`, headers: instructor.auth });
    assert.equal(done.statusCode, 202, done.body);
    const ready = done.json();
    assert.equal(ready.status, 'ready');
    assert.equal(ready.duration, 95);
    assert.equal(ready.thumbnail_url, `https://i.vimeocdn.com/video/${videoId}-thumb`);
    assert.equal(ready.url, `https://vimeo.com/${videoId}`);
    assert.equal(ready.file_size, 123_456);
    const fetched = (await call({ method: 'GET', url, headers: instructor.auth })).json();
    assert.equal(fetched.status, 'ready');
    assert.equal(fetched.duration, 95);
  });

  it('marks the asset failed when Vimeo cannot transcode it', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const course = await createCourse(lectern, instructor);
    const created = await call({
      method: 'POST',
      url: '/api/v1/media-assets/resumable',
      headers: instructor.auth,
      payload: { course_id: course.id, name: 'Broken', size: 10 },
    });
    assert.equal(created.statusCode, 201, created.body);
    const { media_asset_id: assetId, upload_id: videoId } = created.json();
    vimeo.videos.set(videoId, { transcode: 'error', duration: 0, base_link: '' });
    const failed = await call({
      method: 'POST',
      url: `/api/v1/media-assets/${assetId}/complete`,
      headers: instructor.auth,
    });
    assert.equal(failed.statusCode, 202, failed.body);
    assert.equal(failed.json().status, 'failed');
    assert.match(failed.json().failure_reason, /Vimeo/);
  });

  it('answers 503 in the native format when Vimeo fails, storing nothing', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const course = await createCourse(lectern, instructor);
    const created = await call({
      method: 'POST',
      url: '/api/v1/media-assets/resumable',
      headers: instructor.auth,
      payload: { course_id: course.id, name: 'Later', size: 10 },
    });
    const assetId = created.json().media_asset_id as string;
    const count = async () =>
      Number(
        (
          await lectern.database.db
            .selectFrom('media_assets')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('course_id', '=', course.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.equal(await count(), 1);

    vimeo.failWith = 500;
    try {
      const refused = await call({
        method: 'POST',
        url: '/api/v1/media-assets/resumable',
        headers: instructor.auth,
        payload: { course_id: course.id, name: 'Video', size: 10 },
      });
      assert.equal(refused.statusCode, 503, refused.body);
      assert.deepEqual(Object.keys(refused.json()), ['detail']);
      assert.match(refused.json().detail, /Vimeo/);
      assert.equal(await count(), 1);

      const status = await call({
        method: 'POST',
        url: `/api/v1/media-assets/${assetId}/complete`,
        headers: instructor.auth,
      });
      assert.equal(status.statusCode, 503, status.body);
      assert.match(status.json().detail, /Vimeo/);
    } finally {
      vimeo.failWith = 0;
    }
    const unchanged = await call({ method: 'GET', url: `/api/v1/media-assets/${assetId}`, headers: instructor.auth });
    assert.equal(unchanged.json().status, 'uploading');
  });

  it('lets only the course staff create or complete a Vimeo upload', async () => {
    const owner = await createUser(lectern, { role: 'instructor' });
    const other = await createUser(lectern, { role: 'instructor' });
    const student = await createUser(lectern);
    const admin = await createUser(lectern, { role: 'admin' });
    const course = await createCourse(lectern, owner);
    const payload = { lesson_id: course.lessonIds[0], name: 'Video', size: 1000 };
    const calls = vimeo.seen.length;
    for (const user of [student, other]) {
      const response = await call({
        method: 'POST',
        url: '/api/v1/media-assets/resumable',
        headers: user.auth,
        payload,
      });
      assert.equal(response.statusCode, 403, `${user.role}: ${response.body}`);
    }
    assert.equal((await call({ method: 'POST', url: '/api/v1/media-assets/resumable', payload })).statusCode, 401);
    assert.equal(vimeo.seen.length, calls, 'Vimeo is not asked for a refused caller');

    const created = await call({ method: 'POST', url: '/api/v1/media-assets/resumable', headers: owner.auth, payload });
    assert.equal(created.statusCode, 201, created.body);
    const byAdmin = await call({ method: 'POST', url: '/api/v1/media-assets/resumable', headers: admin.auth, payload });
    assert.equal(byAdmin.statusCode, 201, byAdmin.body);

    const complete = `/api/v1/media-assets/${created.json().media_asset_id}/complete`;
    for (const user of [student, other]) {
      const response = await call({ method: 'POST', url: complete, headers: user.auth });
      assert.equal(response.statusCode, 404, `${user.role}: ${response.body}`);
    }
    assert.equal((await call({ method: 'POST', url: complete, headers: admin.auth })).statusCode, 202);
  });

  it("serves 000's vimeo paths: upload at Vimeo, metadata and deletion passed on to Vimeo", async () => {
    const owner = await createUser(lectern, { role: 'instructor' });
    const course = await createCourse(lectern, owner);
    const before = vimeo.seen.length;
    const upload = await call({
      method: 'POST',
      url: '/api/v1/content/vimeo/upload',
      headers: owner.auth,
      payload: { name: 'Lesson Video', description: 'Video description', size: 1_048_576, course_id: course.id },
    });
    assert.equal(upload.statusCode, 201, upload.body);
    const videoId = String(vimeo.nextId);
    const ticket = upload.json();
    assert.deepEqual(Object.keys(ticket).sort(), ['complete_uri', 'ticket_id', 'upload_id', 'upload_link']);
    assert.equal(ticket.upload_link, `https://asia-files.tus.vimeo.com/files/vimeo-video/${videoId}?token=abc`);
    assert.equal(ticket.complete_uri, `/videos/${videoId}`);
    assert.equal(ticket.upload_id, videoId);
    assert.equal(upload.headers['location'], `/api/v1/media-assets/${ticket.ticket_id}`);
    assert.deepEqual(vimeo.seen[before]?.body, {
      upload: { approach: 'tus', size: 1_048_576 },
      name: 'Lesson Video',
      description: 'Video description',
    });

    const changed = await call({
      method: 'PUT',
      url: `/api/v1/content/vimeo/update-metadata/${videoId}`,
      headers: owner.auth,
      payload: { name: 'Updated Video Title', description: 'Updated description', privacy: 'disable' },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const patch = vimeo.seen.at(-1)!;
    assert.equal(patch.method, 'PATCH');
    assert.equal(patch.url, `/videos/${videoId}`);
    assert.equal(patch.headers.authorization, `bearer ${TOKEN}`);
    assert.deepEqual(patch.body, {
      name: 'Updated Video Title',
      description: 'Updated description',
      privacy: { view: 'disable' },
    });
    assert.equal(changed.json().message, 'Video metadata updated successfully');
    assert.deepEqual(changed.json().video, {
      id: ticket.ticket_id,
      vimeo_id: videoId,
      name: 'Updated Video Title',
      description: 'Updated description',
      privacy: 'disable',
      status: 'uploading',
      duration: null,
      course_id: course.id,
      lesson_id: null,
    });

    // Vimeo failing: 503 in 000's format, nothing changed here.
    vimeo.failWith = 500;
    try {
      const url = `/api/v1/content/vimeo/update-metadata/${ticket.ticket_id}`;
      assertGatewayError(await call({ method: 'PUT', url, headers: owner.auth, payload: { name: 'Lost' } }), 503);
      const del = `/api/v1/content/vimeo/delete/${videoId}`;
      assertGatewayError(await call({ method: 'DELETE', url: del, headers: owner.auth }), 503);
    } finally {
      vimeo.failWith = 0;
    }
    const kept = await call({ method: 'GET', url: `/api/v1/media-assets/${ticket.ticket_id}`, headers: owner.auth });
    assert.equal(kept.json().file_name, 'Updated Video Title');

    const deleted = await call({
      method: 'DELETE',
      url: `/api/v1/content/vimeo/delete/${videoId}`,
      headers: owner.auth,
    });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(deleted.json(), { message: 'Video deleted successfully' });
    const removal = vimeo.seen.at(-1)!;
    assert.equal(removal.method, 'DELETE');
    assert.equal(removal.url, `/videos/${videoId}`);
    assert.ok(!vimeo.videos.has(videoId));
    const gone = await call({ method: 'GET', url: `/api/v1/media-assets/${ticket.ticket_id}`, headers: owner.auth });
    assert.equal(gone.statusCode, 404);
    assertGatewayError(
      await call({ method: 'DELETE', url: `/api/v1/content/vimeo/delete/${videoId}`, headers: owner.auth }),
      404,
    );
  });

  it("lets only the course's teachers, the uploader and admins use 000's vimeo paths", async () => {
    const owner = await createUser(lectern, { role: 'instructor' });
    const other = await createUser(lectern, { role: 'instructor' });
    const student = await createUser(lectern);
    const admin = await createUser(lectern, { role: 'admin' });
    const course = await createCourse(lectern, owner);
    const payload = { name: 'Video', size: 10, course_id: course.id };
    const calls = vimeo.seen.length;
    const upload = (headers?: Record<string, string>) =>
      call({ method: 'POST', url: '/api/v1/content/vimeo/upload', ...(headers ? { headers } : {}), payload });
    assertGatewayError(await upload(other.auth), 403);
    assertGatewayError(await upload(student.auth), 403);
    assertGatewayError(await upload(), 401);
    assertGatewayError(
      await call({
        method: 'POST',
        url: '/api/v1/content/vimeo/upload',
        headers: owner.auth,
        payload: { ...payload, course_id: '00000000-0000-4000-8000-000000000000' },
      }),
      404,
    );
    assertGatewayError(
      await call({ method: 'POST', url: '/api/v1/content/vimeo/upload', headers: owner.auth, payload: { name: 'x' } }),
      422,
    );
    assert.equal(vimeo.seen.length, calls, 'Vimeo is not asked for a refused caller');

    const created = await upload(owner.auth);
    assert.equal(created.statusCode, 201, created.body);
    const videoId = created.json().upload_id as string;
    const seen = vimeo.seen.length;
    const metadata = (headers?: Record<string, string>) =>
      call({
        method: 'PUT',
        url: `/api/v1/content/vimeo/update-metadata/${videoId}`,
        ...(headers ? { headers } : {}),
        payload: { privacy: 'unlisted' },
      });
    assertGatewayError(await metadata(other.auth), 404);
    assertGatewayError(await metadata(student.auth), 403);
    assertGatewayError(await metadata(), 401);
    const remove = (headers?: Record<string, string>) =>
      call({ method: 'DELETE', url: `/api/v1/content/vimeo/delete/${videoId}`, ...(headers ? { headers } : {}) });
    assertGatewayError(await remove(other.auth), 404);
    assertGatewayError(await remove(student.auth), 403);
    assertGatewayError(await remove(), 401);
    assert.equal(vimeo.seen.length, seen, 'Vimeo is not asked for a refused caller');
    assertGatewayError(
      await call({
        method: 'PUT',
        url: '/api/v1/content/vimeo/update-metadata/99999999',
        headers: admin.auth,
        payload: {},
      }),
      404,
    );
    assertGatewayError(
      await call({
        method: 'PUT',
        url: `/api/v1/content/vimeo/update-metadata/${videoId}`,
        headers: owner.auth,
        payload: { privacy: 'password' },
      }),
      422,
    );

    assert.equal((await metadata(admin.auth)).statusCode, 200);
    assert.equal((await remove(admin.auth)).statusCode, 200);
  });

  it('never returns the Vimeo token', () => {
    assert.ok(responses.length > 20);
    for (const text of responses) assert.ok(!text.includes(TOKEN), text);
  });
});
