// The files module's domain events through HTTP: a media asset reported ready or failed once,
// whichever way it gets there (the worker's checks, the watchdog). No ffmpeg needed: PDFs and
// images are checked without it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';

import { followSigned, PDF_BYTES } from '../files/support.ts';
import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import { eventRecorder } from '../helpers/events.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const recorder = eventRecorder('test-files', ['files.media.ready', 'files.media.failed']);
const lectern = await startTestApp({}, { beforeStart: recorder.attach });

/** A real 24×24 RGB PNG of noise (noise keeps it above the 1 KB an avatar needs). */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const size = 24;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Array.from({ length: size }, () => Buffer.concat([Buffer.from([0]), randomBytes(size * 3)]));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function uploadAvatar(user: TestUser, bytes: Buffer): Promise<string> {
  const presigned = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/users/me/avatar/presign',
    headers: user.auth,
    payload: { content_type: 'image/png', size: bytes.length },
  });
  assert.equal(presigned.statusCode, 200, presigned.body);
  const { upload_url, upload_headers, asset_id } = presigned.json();
  const put = await followSigned(lectern, upload_url, { method: 'PUT', body: bytes, headers: upload_headers });
  assert.equal(put.status, 200);
  await lectern.queue.settle();
  return asset_id as string;
}

const eventsOf = (assetId: string) =>
  recorder
    .all()
    .filter((e) => e.data.asset_id === assetId)
    .map((e) => [e.type, e.data]);

describe('files events', () => {
  it('publishes files.media.ready for a checked avatar', async () => {
    const user = await createUser(lectern);
    const image = png();
    assert.ok(image.length >= 1024, `the fixture is ${image.length} bytes`);
    const assetId = await uploadAvatar(user, image);
    assert.deepEqual(eventsOf(assetId), [
      [
        'files.media.ready',
        {
          asset_id: assetId,
          owner_id: user.id,
          purpose: 'avatar',
          lesson_id: null,
          course_id: null,
          content_type: 'image/png',
          duration_seconds: null,
        },
      ],
    ]);
  });

  it('publishes files.media.failed, with the reason, for bytes that are not the image declared', async () => {
    const user = await createUser(lectern);
    const assetId = await uploadAvatar(user, Buffer.alloc(2048, 'x'));
    assert.deepEqual(eventsOf(assetId), [
      [
        'files.media.failed',
        {
          asset_id: assetId,
          owner_id: user.id,
          purpose: 'avatar',
          lesson_id: null,
          course_id: null,
          reason: 'avatars must be JPEG, PNG or WebP images',
        },
      ],
    ]);
  });

  it('publishes a lesson document ready, with its lesson and course', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const course = await createCourse(lectern, instructor);
    const lessonId = course.lessonIds[0]!;
    const presigned = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/lessons/${lessonId}/media/presign`,
      headers: instructor.auth,
      payload: { content_type: 'application/pdf', file_size: PDF_BYTES.length, file_name: 'notes.pdf' },
    });
    assert.equal(presigned.statusCode, 201, presigned.body);
    const { media_asset_id: assetId, upload_url, upload_headers } = presigned.json();
    await followSigned(lectern, upload_url, { method: 'PUT', body: PDF_BYTES, headers: upload_headers });
    await lectern.queue.settle();
    assert.deepEqual(eventsOf(assetId), [
      [
        'files.media.ready',
        {
          asset_id: assetId,
          owner_id: instructor.id,
          purpose: 'lesson',
          lesson_id: lessonId,
          course_id: course.id,
          content_type: 'application/pdf',
          duration_seconds: null,
        },
      ],
    ]);
  });

  it('publishes the watchdog failing a stuck asset once, however often it fires', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const course = await createCourse(lectern, instructor);
    const presigned = (
      await lectern.app.inject({
        method: 'POST',
        url: `/api/v1/lessons/${course.lessonIds[0]}/media/presign`,
        headers: instructor.auth,
        payload: { content_type: 'video/mp4', file_size: 100 },
      })
    ).json();
    const assetId = presigned.media_asset_id as string;
    // As if the upload completed and every processing attempt died with its process.
    await lectern.database.db
      .updateTable('media_assets')
      .set({ status: 'processing' })
      .where('id', '=', assetId)
      .execute();
    await lectern.queue.send('media.watchdog', { assetId });
    await lectern.queue.send('media.watchdog', { assetId });
    await lectern.queue.settle();
    assert.deepEqual(eventsOf(assetId), [
      [
        'files.media.failed',
        {
          asset_id: assetId,
          owner_id: instructor.id,
          purpose: 'lesson',
          lesson_id: course.lessonIds[0],
          course_id: course.id,
          reason: 'processing did not finish in time',
        },
      ],
    ]);
  });
});
