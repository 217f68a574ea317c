// Media on S3 storage (a real S3-compatible server on loopback): the client PUTs to the bucket,
// says it is done, and the worker reads the object back; HLS renditions when MEDIA_HLS is on.
// Also the watchdog that fails an asset a crashed worker left in `processing`.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { followSigned, makeMedia, multipart, PUBLIC_URL, startS3Server } from '../files/support.ts';
import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import { createUser } from '../helpers/factories.ts';

const s3 = await startS3Server();
after(() => s3.close());
const lectern = await startTestApp({ ...s3.env, MEDIA_HLS: 'true' });
const mp4 = makeMedia('mp4');

describe('media on S3', () => {
  it('presigns a PUT to the bucket, completes on request and makes the video ready with an HLS rendition', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const course = await createCourse(lectern, instructor);
    const presigned = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/lessons/${course.lessonIds[0]}/media/presign`,
      headers: instructor.auth,
      payload: { content_type: 'video/mp4', file_size: mp4.length, file_name: 'lesson1.mp4' },
    });
    assert.equal(presigned.statusCode, 201, presigned.body);
    const { upload_url, upload_headers, media_asset_id: assetId } = presigned.json();
    assert.ok(upload_url.startsWith(s3.env['S3_ENDPOINT']!), upload_url);
    assert.equal(
      (await followSigned(lectern, upload_url, { method: 'PUT', body: mp4, headers: upload_headers })).status,
      200,
    );

    const complete = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/media-assets/${assetId}/complete`,
      headers: instructor.auth,
    });
    assert.equal(complete.statusCode, 202, complete.body);
    assert.equal(complete.json().status, 'processing');
    await lectern.queue.settle(120_000);

    const ready = (
      await lectern.app.inject({ method: 'GET', url: `/api/v1/media-assets/${assetId}`, headers: instructor.auth })
    ).json();
    assert.equal(ready.status, 'ready', JSON.stringify(ready));
    assert.equal(ready.width, 320);
    assert.equal((await followSigned(lectern, ready.thumbnail_url)).body.subarray(0, 2).toString('hex'), 'ffd8');
    assert.equal(ready.renditions.length, 1);
    assert.equal(ready.renditions[0].kind, 'hls');

    const playlist = await lectern.app.inject({
      method: 'GET',
      url: ready.renditions[0].url.slice(PUBLIC_URL.length),
      headers: instructor.auth,
    });
    assert.equal(playlist.statusCode, 200);
    assert.match(playlist.headers['content-type'] as string, /mpegurl/);
    const segments = playlist.body.split('\n').filter((line) => line && !line.startsWith('#'));
    assert.ok(segments.length >= 1);
    const segment = await followSigned(lectern, segments[0]!);
    assert.equal(segment.status, 200);
    assert.equal(segment.body[0], 0x47); // MPEG-TS sync byte
  });

  it('uploads, lists and downloads 001 files from the bucket', async () => {
    const user = await createUser(lectern);
    const body = multipart('file', 'readme.txt', Buffer.from('stored in S3\n'));
    const uploaded = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/files/upload',
      headers: { ...user.auth, ...body.headers },
      payload: body.payload,
    });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const download = await lectern.app.inject({
      method: 'GET',
      url: `/api/v1/files/${uploaded.json().id}/download`,
      headers: user.auth,
    });
    assert.equal(download.statusCode, 302);
    const fetched = await followSigned(lectern, download.headers.location as string);
    assert.equal(fetched.body.toString(), 'stored in S3\n');
  });

  it('fails an asset that a crashed worker left processing, once the watchdog fires', async () => {
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
    // As if the upload completed and every processing attempt died with its process.
    await lectern.database.db
      .updateTable('media_assets')
      .set({ status: 'processing' })
      .where('id', '=', presigned.media_asset_id)
      .execute();
    await lectern.queue.send('media.watchdog', { assetId: presigned.media_asset_id });
    await lectern.queue.settle();
    const asset = (
      await lectern.app.inject({
        method: 'GET',
        url: `/api/v1/media-assets/${presigned.media_asset_id}`,
        headers: instructor.auth,
      })
    ).json();
    assert.equal(asset.status, 'failed');
    assert.match(asset.failure_reason, /did not finish/);
  });
});
