// Media assets on lessons through HTTP: presign → PUT → processing → the worker (real ffmpeg on a
// real MP4) → ready with duration and thumbnail; failures with a reason; who may do what.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { followSigned, makeMedia } from '../files/support.ts';
import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();
const mp4 = makeMedia('mp4');

async function presign(user: TestUser | undefined, lessonId: string, body: Record<string, unknown>) {
  return lectern.app.inject({
    method: 'POST',
    url: `/api/v1/lessons/${lessonId}/media/presign`,
    headers: user?.auth ?? {},
    payload: body,
  });
}

async function getAsset(user: TestUser | undefined, id: string) {
  return lectern.app.inject({ method: 'GET', url: `/api/v1/media-assets/${id}`, headers: user?.auth ?? {} });
}

describe('media assets', () => {
  it('takes a real MP4 from presign to ready, with duration, dimensions and a thumbnail', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const course = await createCourse(lectern, instructor);
    const lessonId = course.lessonIds[0]!;

    const presigned = await presign(instructor, lessonId, {
      content_type: 'video/mp4',
      file_size: mp4.length,
      file_name: 'intro.mp4',
    });
    assert.equal(presigned.statusCode, 201, presigned.body);
    const { media_asset_id: assetId, upload_url, upload_headers, asset, expires_at } = presigned.json();
    assert.equal(asset.status, 'uploading');
    assert.equal(asset.lesson_id, lessonId);
    assert.equal(asset.file_name, 'intro.mp4');
    assert.ok(new Date(expires_at) > lectern.clock.now());

    const early = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/media-assets/${assetId}/complete`,
      headers: instructor.auth,
    });
    assert.equal(early.statusCode, 409, early.body);

    const put = await followSigned(lectern, upload_url, { method: 'PUT', body: mp4, headers: upload_headers });
    assert.equal(put.status, 200);
    // Lectern's own storage completes the asset as soon as the bytes are in (003: automatic).
    assert.equal((await getAsset(instructor, assetId)).json().status, 'processing');

    await lectern.queue.settle();
    const ready = (await getAsset(instructor, assetId)).json();
    assert.equal(ready.status, 'ready', JSON.stringify(ready));
    assert.ok(Math.abs(ready.duration - 2) < 0.5, `duration ${ready.duration}`);
    assert.equal(ready.width, 320);
    assert.equal(ready.height, 240);
    assert.equal(ready.file_size, mp4.length);
    assert.equal(ready.content_type, 'video/mp4');
    const thumbnail = await followSigned(lectern, ready.thumbnail_url);
    assert.equal(thumbnail.status, 200);
    assert.equal(thumbnail.body.subarray(0, 2).toString('hex'), 'ffd8');
    const video = await followSigned(lectern, ready.url);
    assert.deepEqual(video.body, mp4);

    // The signed link cannot swap the checked video for other bytes.
    const swap = await followSigned(lectern, upload_url, { method: 'PUT', body: mp4, headers: upload_headers });
    assert.equal(swap.status, 409);

    // Completing again is harmless.
    const again = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/media-assets/${assetId}/complete`,
      headers: instructor.auth,
    });
    assert.equal(again.statusCode, 202);
    assert.equal(again.json().status, 'ready');

    const listed = await lectern.app.inject({
      method: 'GET',
      url: `/api/v1/lessons/${lessonId}/media`,
      headers: instructor.auth,
    });
    assert.deepEqual(
      listed.json().map((a: { id: string }) => a.id),
      [assetId],
    );
  });

  it('marks an asset failed, with a reason, when its bytes are not a video', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const course = await createCourse(lectern, instructor);
    const junk = Buffer.from('this is not a video at all, just text pretending to be one');
    const presigned = (
      await presign(instructor, course.lessonIds[0]!, { content_type: 'video/mp4', file_size: junk.length })
    ).json();
    assert.equal(
      (
        await followSigned(lectern, presigned.upload_url, {
          method: 'PUT',
          body: junk,
          headers: presigned.upload_headers,
        })
      ).status,
      200,
    );
    await lectern.queue.settle();
    const failed = (await getAsset(instructor, presigned.media_asset_id)).json();
    assert.equal(failed.status, 'failed');
    assert.match(failed.failure_reason, /not accepted|unrecognised|readable/);
    assert.equal(failed.url, null);
  });

  it('refuses presigns of the wrong type or size', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const course = await createCourse(lectern, instructor);
    const lessonId = course.lessonIds[0]!;
    assert.equal(
      (await presign(instructor, lessonId, { content_type: 'application/x-msdownload', file_size: 100 })).statusCode,
      422,
    );
    assert.equal((await presign(instructor, lessonId, { content_type: 'video/mp4', file_size: 0 })).statusCode, 422);
    assert.equal(
      (await presign(instructor, lessonId, { content_type: 'video/mp4', file_size: 6 * 1024 ** 3 })).statusCode,
      422,
    );
    assert.equal(
      (await presign(instructor, lessonId, { content_type: 'video/mp4', file_size: 10, extra: true })).statusCode,
      422,
    );
    const upload = (await presign(instructor, lessonId, { content_type: 'video/mp4', file_size: 10 })).json();
    // More bytes than declared never reach storage.
    const tooMany = await followSigned(lectern, upload.upload_url, {
      method: 'PUT',
      body: Buffer.alloc(11),
      headers: upload.upload_headers,
    });
    assert.equal(tooMany.status, 413);
    assert.equal((await getAsset(instructor, upload.media_asset_id)).json().status, 'uploading');
  });

  it('lets only the course staff and admins upload, complete and delete', async () => {
    const owner = await createUser(lectern, { role: 'instructor' });
    const coInstructor = await createUser(lectern, { role: 'instructor' });
    const otherInstructor = await createUser(lectern, { role: 'instructor' });
    const student = await createUser(lectern);
    const admin = await createUser(lectern, { role: 'admin' });
    const course = await createCourse(lectern, owner);
    const added = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/courses/${course.id}/instructors`,
      headers: owner.auth,
      payload: { user_id: coInstructor.id },
    });
    assert.equal(added.statusCode, 200, added.body);
    const lessonId = course.lessonIds[0]!;
    const body = { content_type: 'video/mp4', file_size: 1000 };

    assert.equal((await presign(undefined, lessonId, body)).statusCode, 401);
    assert.equal((await presign(student, lessonId, body)).statusCode, 403);
    assert.equal((await presign(otherInstructor, lessonId, body)).statusCode, 403);
    assert.equal((await presign(admin, lessonId, body)).statusCode, 201);
    assert.equal((await presign(coInstructor, lessonId, body)).statusCode, 201);
    assert.equal((await presign(owner, '00000000-0000-4000-8000-000000000000', body)).statusCode, 404);

    const asset = (await presign(owner, lessonId, body)).json().media_asset_id;
    // Not ready, not staff: the asset does not exist for them.
    assert.equal((await getAsset(student, asset)).statusCode, 404);
    assert.equal((await getAsset(undefined, asset)).statusCode, 404);
    assert.equal((await getAsset(otherInstructor, asset)).statusCode, 404);
    assert.equal((await getAsset(coInstructor, asset)).statusCode, 200);
    for (const intruder of [student, otherInstructor]) {
      assert.equal(
        (
          await lectern.app.inject({
            method: 'POST',
            url: `/api/v1/media-assets/${asset}/complete`,
            headers: intruder.auth,
          })
        ).statusCode,
        404,
      );
      assert.equal(
        (await lectern.app.inject({ method: 'DELETE', url: `/api/v1/media-assets/${asset}`, headers: intruder.auth }))
          .statusCode,
        404,
      );
    }
    assert.equal(
      (await lectern.app.inject({ method: 'DELETE', url: `/api/v1/media-assets/${asset}`, headers: coInstructor.auth }))
        .statusCode,
      204,
    );
    assert.equal((await getAsset(owner, asset)).statusCode, 404);
  });

  it('shows a ready asset to readers of its lesson only (free preview here), never before', async () => {
    const owner = await createUser(lectern, { role: 'instructor' });
    const student = await createUser(lectern);
    const course = await createCourse(lectern, owner, { lessons: 2, publish: true });
    const [previewLesson, lockedLesson] = course.lessonIds as [string, string];
    const preview = await lectern.app.inject({
      method: 'PATCH',
      url: `/api/v1/lessons/${previewLesson}`,
      headers: owner.auth,
      payload: { is_free_preview: true },
    });
    assert.equal(preview.statusCode, 200, preview.body);

    const ids: string[] = [];
    for (const lessonId of [previewLesson, lockedLesson]) {
      const presigned = (await presign(owner, lessonId, { content_type: 'video/mp4', file_size: mp4.length })).json();
      await followSigned(lectern, presigned.upload_url, {
        method: 'PUT',
        body: mp4,
        headers: presigned.upload_headers,
      });
      ids.push(presigned.media_asset_id);
    }
    await lectern.queue.settle();
    const [previewAsset, lockedAsset] = ids as [string, string];
    assert.equal((await getAsset(student, previewAsset)).statusCode, 200);
    assert.equal((await getAsset(undefined, previewAsset)).statusCode, 200);
    assert.equal((await getAsset(student, lockedAsset)).statusCode, 404);
    const list = await lectern.app.inject({
      method: 'GET',
      url: `/api/v1/lessons/${lockedLesson}/media`,
      headers: student.auth,
    });
    assert.deepEqual(list.json(), []);
  });
});
