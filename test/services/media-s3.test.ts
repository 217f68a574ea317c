// 003's upload flow on S3 (a real S3-compatible server on loopback): the client PUTs to the
// bucket and never says it is done; the media worker finds the object by itself and processes
// it (a lesson's MP4 until ready, an avatar re-encoded). The document's ContentManager drives it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';

import { sql } from 'kysely';
import sharp from 'sharp';

import { makeMedia, startS3Server } from '../files/support.ts';
import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';
import { ContentManager, setApiOrigin } from './doc-clients.js';

const s3 = await startS3Server();
after(() => s3.close());
const lectern = await startTestApp(s3.env);
const { app } = lectern;
const address = await app.listen({ port: 0, host: '127.0.0.1' });
setApiOrigin(address);

/** Polls like a client would until the asset is no longer awaited or processed. */
async function waitForAsset(user: TestUser, assetId: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    await lectern.queue.settle(120_000);
    const asset = (await app.inject({ method: 'GET', url: `/api/media-assets/${assetId}`, headers: user.auth })).json();
    if (!['uploading', 'processing'].includes(asset.status) || Date.now() > deadline) return asset;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('003 uploads on S3', () => {
  it('notices a video PUT to the bucket without a completion call and makes it ready', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const manager = new ContentManager(instructor.accessToken);
    const course = await manager.createCourse({ title: 'On S3', description: 'Bucket', status: 'draft' });
    const section = await manager.addSection(course.id, { title: 'One', sequence: 1 });
    const material = await manager.addMaterial(section.id, { type: 'video', title: 'Clip', status: 'draft' });
    const video = makeMedia('mp4');
    await manager.uploadVideo(material.id, new File([video], 'clip.mp4', { type: 'video/mp4' }));

    const listed = (
      await app.inject({ method: 'GET', url: `/api/materials/${material.id}`, headers: instructor.auth })
    ).json();
    const asset = await waitForAsset(instructor, listed.media_assets[0].id);
    assert.equal(asset.status, 'ready', JSON.stringify(asset));
    assert.equal(asset.file_size, video.length);
    assert.ok(asset.url.startsWith(s3.env['S3_ENDPOINT']!));
    assert.ok(asset.thumbnail_url.startsWith(s3.env['S3_ENDPOINT']!));
    assert.deepEqual(Buffer.from(await (await fetch(asset.url)).arrayBuffer()), video);
  });

  it('keeps looking, backing off, for an upload that has not come yet', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const manager = new ContentManager(instructor.accessToken);
    const course = await manager.createCourse({ title: 'Never', status: 'draft' });
    const section = await manager.addSection(course.id, { title: 'One' });
    const material = await manager.addMaterial(section.id, { type: 'video', title: 'Missing' });
    const presigned = await app.inject({
      method: 'POST',
      url: `/api/materials/${material.id}/upload/presign`,
      headers: instructor.auth,
      payload: { content_type: 'video/mp4', file_size: 1000 },
    });
    const assetId = presigned.json().media_asset_id as string;
    const checks = async (state: string) => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pgboss.job
        where name = 'media.upload.check' and state = ${state} and data->>'assetId' = ${assetId}`.execute(
        lectern.database.db,
      );
      return rows[0]!.n;
    };
    assert.equal(await checks('created'), 1, 'the first look is queued with the presign');
    const deadline = Date.now() + 20_000;
    while ((await checks('completed')) === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok((await checks('completed')) >= 1, 'the first look ran');
    assert.equal(await checks('created'), 1, 'and scheduled the next one');
    const row = await lectern.database.db
      .selectFrom('media_assets')
      .select('status')
      .where('id', '=', assetId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'uploading');
  });

  it('re-encodes an avatar uploaded to the bucket and serves the copy', async () => {
    const user = await createUser(lectern);
    const image = await sharp(randomBytes(1500 * 900 * 3), { raw: { width: 1500, height: 900, channels: 3 } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret' } })
      .toBuffer();
    const presigned = (
      await app.inject({
        method: 'POST',
        url: '/api/profile/avatar/presign',
        headers: user.auth,
        payload: { content_type: 'image/jpeg', size: image.length },
      })
    ).json();
    const put = await fetch(presigned.upload_url, {
      method: 'PUT',
      body: image,
      headers: { 'Content-Type': 'image/jpeg' },
    });
    assert.equal(put.status, 200);
    assert.equal((await waitForAsset(user, presigned.media_asset_id)).status, 'ready');
    const profile = (await app.inject({ method: 'GET', url: '/api/profile', headers: user.auth })).json();
    assert.equal(profile.avatar_url, presigned.avatar_url);
    const served = await fetch(profile.avatar_url.replace('http://lectern.test', address));
    assert.equal(served.status, 200);
    assert.ok(served.url.startsWith(s3.env['S3_ENDPOINT']!));
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    assert.deepEqual([meta.width, meta.height, meta.exif], [1024, 614, undefined]);
  });
});
