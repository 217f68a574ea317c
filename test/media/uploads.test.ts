// Resumable (tus) uploads resumed after an interruption, and avatar uploads (003's profile presign).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import sharp from 'sharp';

import { followSigned, makeMedia, PUBLIC_URL } from '../files/support.ts';
import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();
const mp4 = makeMedia('mp4');
const png = makeMedia('png');
const TUS = { 'tus-resumable': '1.0.0' };

describe('resumable uploads (tus)', () => {
  it('resumes an interrupted upload from the offset the server reports, then processes the video', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const course = await createCourse(lectern, instructor);
    const created = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/media-assets/resumable',
      headers: instructor.auth,
      payload: {
        lesson_id: course.lessonIds[0],
        name: 'Lesson Video',
        description: 'Video description',
        size: mp4.length,
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const { upload_link, media_asset_id: assetId, asset } = created.json();
    assert.equal(asset.status, 'uploading');
    assert.equal(asset.provider, 'tus');
    assert.ok(upload_link.startsWith(`${PUBLIC_URL}/api/v1/uploads/tus/`));
    const path = upload_link.slice(PUBLIC_URL.length);

    const head = await lectern.app.inject({ method: 'HEAD', url: path, headers: TUS });
    assert.equal(head.statusCode, 200, head.body);
    assert.equal(head.headers['upload-offset'], '0');
    assert.equal(head.headers['upload-length'], String(mp4.length));

    // The first PATCH carries part of the file, then the connection "drops".
    const half = Math.floor(mp4.length / 2);
    const first = await lectern.app.inject({
      method: 'PATCH',
      url: path,
      headers: { ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      payload: mp4.subarray(0, half),
    });
    assert.equal(first.statusCode, 204, first.body);
    assert.equal(first.headers['upload-offset'], String(half));

    // A retry from a wrong offset is refused; the client asks where to resume.
    const wrong = await lectern.app.inject({
      method: 'PATCH',
      url: path,
      headers: { ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      payload: mp4.subarray(0, 10),
    });
    assert.equal(wrong.statusCode, 409);
    const resumeAt = Number(
      (await lectern.app.inject({ method: 'HEAD', url: path, headers: TUS })).headers['upload-offset'],
    );
    assert.equal(resumeAt, half);
    assert.equal(
      (
        await lectern.app.inject({ method: 'GET', url: `/api/v1/media-assets/${assetId}`, headers: instructor.auth })
      ).json().status,
      'uploading',
    );

    const rest = await lectern.app.inject({
      method: 'PATCH',
      url: path,
      headers: { ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(resumeAt) },
      payload: mp4.subarray(resumeAt),
    });
    assert.equal(rest.statusCode, 204, rest.body);
    assert.equal(rest.headers['upload-offset'], String(mp4.length));

    await lectern.queue.settle();
    const ready = (
      await lectern.app.inject({ method: 'GET', url: `/api/v1/media-assets/${assetId}`, headers: instructor.auth })
    ).json();
    assert.equal(ready.status, 'ready', JSON.stringify(ready));
    assert.ok(ready.duration > 1.5);
    assert.ok(ready.thumbnail_url);
    assert.deepEqual((await followSigned(lectern, ready.url)).body, mp4);
  });

  it('creates resumable uploads for the course staff only, and knows no upload it did not create', async () => {
    const owner = await createUser(lectern, { role: 'instructor' });
    const other = await createUser(lectern, { role: 'instructor' });
    const student = await createUser(lectern);
    const course = await createCourse(lectern, owner);
    const body = { course_id: course.id, name: 'Video', size: 1000 };
    for (const [user, status] of [
      [student, 403],
      [other, 403],
      [owner, 201],
    ] as const) {
      const response = await lectern.app.inject({
        method: 'POST',
        url: '/api/v1/media-assets/resumable',
        headers: user.auth,
        payload: body,
      });
      assert.equal(response.statusCode, status, `${user.role}: ${response.body}`);
    }
    const anonymous = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/media-assets/resumable',
      payload: body,
    });
    assert.equal(anonymous.statusCode, 401);
    const unknown = await lectern.app.inject({
      method: 'HEAD',
      url: '/api/v1/uploads/tus/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      headers: TUS,
    });
    assert.equal(unknown.statusCode, 404);
    const creation = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/uploads/tus',
      headers: { ...TUS, 'upload-length': '10' },
    });
    assert.equal(creation.statusCode, 404);
  });
});

describe('avatars', () => {
  it('presigns an image upload and updates avatar_url once the image is checked', async () => {
    const user = await createUser(lectern);
    assert.ok(png.length >= 1024, `fixture is ${png.length} bytes`);
    const presigned = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/users/me/avatar/presign',
      headers: user.auth,
      payload: { content_type: 'image/png', size: png.length },
    });
    assert.equal(presigned.statusCode, 200, presigned.body);
    const { upload_url, avatar_url, upload_headers, asset_id } = presigned.json();
    assert.equal(avatar_url, `${PUBLIC_URL}/api/v1/avatars/${asset_id}`);
    assert.equal(
      (await followSigned(lectern, upload_url, { method: 'PUT', body: png, headers: upload_headers })).status,
      200,
    );
    await lectern.queue.settle();

    const row = await lectern.database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.avatar_url, avatar_url);
    const me = await lectern.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth });
    assert.equal(me.json().avatar_url, avatar_url);
    const redirect = await lectern.app.inject({ method: 'GET', url: avatar_url.slice(PUBLIC_URL.length) });
    assert.equal(redirect.statusCode, 302);
    const image = await followSigned(lectern, redirect.headers.location as string);
    assert.equal(image.headers['content-type'], 'image/png');
    // Served re-encoded (metadata dropped), the same picture: a PNG of the fixture's size.
    const [served, sent] = await Promise.all([sharp(image.body).metadata(), sharp(png).metadata()]);
    assert.deepEqual([served.format, served.width, served.height], ['png', sent.width, sent.height]);
  });

  it('refuses other types and sizes outside 1 KB–5 MB, and bytes that are not the image declared', async () => {
    const user = await createUser(lectern);
    const presign = (payload: Record<string, unknown>) =>
      lectern.app.inject({ method: 'POST', url: '/api/v1/users/me/avatar/presign', headers: user.auth, payload });
    assert.equal((await presign({ content_type: 'image/gif', size: 2048 })).statusCode, 422);
    assert.equal((await presign({ content_type: 'image/png', size: 1023 })).statusCode, 422);
    assert.equal((await presign({ content_type: 'image/png', size: 5 * 1024 * 1024 + 1 })).statusCode, 422);
    assert.equal(
      (
        await lectern.app.inject({
          method: 'POST',
          url: '/api/v1/users/me/avatar/presign',
          payload: { content_type: 'image/png', size: 2048 },
        })
      ).statusCode,
      401,
    );

    const fake = Buffer.alloc(2048, 'x');
    const presigned = (await presign({ content_type: 'image/png', size: fake.length })).json();
    assert.equal(
      (
        await followSigned(lectern, presigned.upload_url, {
          method: 'PUT',
          body: fake,
          headers: presigned.upload_headers,
        })
      ).status,
      200,
    );
    await lectern.queue.settle();
    const row = await lectern.database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.avatar_url, null);
    const asset = await lectern.database.db
      .selectFrom('media_assets')
      .selectAll()
      .where('id', '=', presigned.asset_id)
      .executeTakeFirstOrThrow();
    assert.equal(asset.status, 'failed');
    assert.match(asset.failure_reason ?? '', /JPEG, PNG or WebP/);
    assert.equal(
      (await lectern.app.inject({ method: 'GET', url: `/api/v1/avatars/${presigned.asset_id}` })).statusCode,
      404,
    );
  });
});
