// 003's profile service through HTTP: the caller's own profile in the document's schema, partial
// updates with the document's validation rules, and avatars uploaded through a presigned URL
// and served re-encoded (metadata dropped, size bounded).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import sharp from 'sharp';

import { followSigned, PUBLIC_URL } from '../files/support.ts';
import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { app } = lectern;
const getProfile = (user?: TestUser) =>
  app.inject({ method: 'GET', url: '/api/profile', headers: user ? user.auth : {} });
const putProfile = (user: TestUser, payload: object) =>
  app.inject({ method: 'PUT', url: '/api/profile', headers: user.auth, payload });
const presign = (user: TestUser, payload: object) =>
  app.inject({ method: 'POST', url: '/api/profile/avatar/presign', headers: user.auth, payload });

const FIELDS = [
  'avatar_url',
  'birth_date',
  'city',
  'company',
  'country',
  'experience_id',
  'first_name',
  'gender',
  'nickname',
  'position',
  'updated_at',
  'user_id',
];

/** A photo as a phone makes it: large, with EXIF metadata (here a copyright line standing in for GPS). */
async function photo(format: 'jpeg' | 'png' | 'webp', width = 2000, height = 1500): Promise<Buffer> {
  const noise = Buffer.alloc(64 * 64 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  const image = sharp(noise, { raw: { width: 64, height: 64, channels: 3 } })
    .resize(width, height, { kernel: 'nearest' })
    .withExif({ IFD0: { Copyright: 'secret-location-47.3769N-8.5417E' } });
  return image.toFormat(format).toBuffer();
}

describe('003 profile', () => {
  it('reads the caller’s profile in the document’s schema; anonymous callers get 401', async () => {
    const user = await createUser(lectern, { fullName: 'John Smith' });
    const response = await getProfile(user);
    assert.equal(response.statusCode, 200);
    const profile = response.json();
    assert.deepEqual(Object.keys(profile).sort(), FIELDS);
    assert.equal(profile.user_id, user.id);
    assert.equal(profile.first_name, 'John');
    assert.equal(profile.nickname, null);
    assert.equal(profile.avatar_url, null);
    assert.match(profile.updated_at, /Z$/);
    const anonymous = await getProfile();
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json().error.code, 'INVALID_TOKEN');
  });

  it('updates only the fields sent, ignoring avatar_url and user_id in the body', async () => {
    const user = await createUser(lectern);
    const other = await createUser(lectern, { fullName: 'Other Person' });
    const full = await putProfile(user, {
      first_name: 'John',
      nickname: 'johnny_dev',
      birth_date: '1990-05-15',
      gender: 'male',
      country: 'United States',
      city: 'New York',
      company: 'Tech Corp',
      position: 'Software Engineer',
      experience_id: 3,
    });
    assert.equal(full.statusCode, 200, full.body);
    const partial = await putProfile(user, {
      first_name: 'John',
      city: 'San Francisco',
      position: 'Senior Software Engineer',
      avatar_url: 'https://evil.example/x.jpg',
      user_id: other.id,
    });
    assert.equal(partial.statusCode, 200);
    const profile = partial.json();
    assert.deepEqual(
      { ...profile, updated_at: undefined },
      {
        user_id: user.id,
        first_name: 'John',
        nickname: 'johnny_dev',
        birth_date: '1990-05-15',
        gender: 'male',
        country: 'United States',
        city: 'San Francisco',
        company: 'Tech Corp',
        position: 'Senior Software Engineer',
        experience_id: 3,
        avatar_url: null,
        updated_at: undefined,
      },
    );
    assert.deepEqual((await getProfile(user)).json(), profile);
    // The other user's profile is untouched, and theirs is all they read.
    const theirs = (await getProfile(other)).json();
    assert.equal(theirs.user_id, other.id);
    assert.equal(theirs.first_name, 'Other');
    assert.equal(theirs.city, null);
    // null clears an optional field.
    assert.equal((await putProfile(user, { nickname: null })).json().nickname, null);
  });

  it('refuses invalid values with 400 and the field in details', async () => {
    const user = await createUser(lectern);
    const cases: [object, string, string][] = [
      [{ gender: 'robot' }, 'gender', 'INVALID_FIELD_FORMAT'],
      [{ experience_id: 6 }, 'experience_id', 'VALUE_OUT_OF_RANGE'],
      [{ experience_id: 0 }, 'experience_id', 'VALUE_OUT_OF_RANGE'],
      [{ first_name: '' }, 'first_name', 'VALUE_OUT_OF_RANGE'],
      [{ nickname: 'n'.repeat(51) }, 'nickname', 'VALUE_OUT_OF_RANGE'],
      [{ company: 'c'.repeat(151) }, 'company', 'VALUE_OUT_OF_RANGE'],
      [{ birth_date: '15/05/1990' }, 'birth_date', 'INVALID_FIELD_FORMAT'],
      [{ birth_date: '2999-01-01' }, 'birth_date', 'INVALID_FIELD_FORMAT'],
    ];
    for (const [body, field, code] of cases) {
      const response = await putProfile(user, body);
      assert.equal(response.statusCode, 400, JSON.stringify(body));
      assert.equal(response.json().error.code, code, JSON.stringify(body));
      assert.deepEqual(Object.keys(response.json().error.details), [field], JSON.stringify(body));
    }
    const unchanged = (await getProfile(user)).json();
    assert.equal(unchanged.gender, null);
    assert.equal(unchanged.experience_id, null);
    // Form values arrive as strings: "3" is experience level 3.
    assert.equal((await putProfile(user, { experience_id: '3' })).json().experience_id, 3);
  });

  it('presigns avatars for JPEG, PNG and WebP of 1 KB to 5 MB only', async () => {
    const user = await createUser(lectern);
    const cases: [object, string][] = [
      [{ content_type: 'image/gif', size: 204_800 }, 'INVALID_FIELD_FORMAT'],
      [{ content_type: 'image/jpeg', size: 1000 }, 'VALUE_OUT_OF_RANGE'],
      [{ content_type: 'image/jpeg', size: 5 * 1024 * 1024 + 1 }, 'VALUE_OUT_OF_RANGE'],
      [{ content_type: 'image/png' }, 'MISSING_REQUIRED_FIELD'],
    ];
    for (const [body, code] of cases) {
      const response = await presign(user, body);
      assert.equal(response.statusCode, 400, JSON.stringify(body));
      assert.equal(response.json().error.code, code);
    }
    const ok = await presign(user, { content_type: 'image/webp', size: 204_800 });
    assert.equal(ok.statusCode, 200);
    assert.ok(ok.json().upload_url && ok.json().avatar_url);
    assert.equal(
      (await app.inject({ method: 'POST', url: '/api/profile/avatar/presign', payload: {} })).statusCode,
      401,
    );
  });

  it('serves an uploaded avatar re-encoded: metadata gone, at most 1024 px, the upload itself deleted', async () => {
    const user = await createUser(lectern);
    const image = await photo('jpeg');
    assert.ok((await sharp(image).metadata()).exif, 'the fixture carries EXIF');
    const presigned = (await presign(user, { content_type: 'image/jpeg', size: image.length })).json();
    const put = await followSigned(lectern, presigned.upload_url, {
      method: 'PUT',
      body: image,
      headers: { 'content-type': 'image/jpeg' },
    });
    assert.equal(put.status, 200);
    await lectern.queue.settle(60_000);

    const profile = (await getProfile(user)).json();
    assert.equal(profile.avatar_url, presigned.avatar_url);
    const redirect = await app.inject({ method: 'GET', url: profile.avatar_url.slice(PUBLIC_URL.length) });
    assert.equal(redirect.statusCode, 302);
    const served = await followSigned(lectern, redirect.headers.location as string);
    assert.equal(served.status, 200);
    assert.equal(served.headers['content-type'], 'image/jpeg');
    const meta = await sharp(served.body).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.deepEqual([meta.width, meta.height], [1024, 768]);
    assert.equal(meta.exif, undefined);
    assert.ok(!served.body.includes(Buffer.from('secret-location')));

    const asset = await app.inject({
      method: 'GET',
      url: `/api/media-assets/${presigned.media_asset_id}`,
      headers: user.auth,
    });
    assert.equal(asset.json().status, 'ready');
    assert.equal(asset.json().material_id, null);
    const row = await lectern.database.db
      .selectFrom('media_assets')
      .select(['storage_key', 'served_key'])
      .where('id', '=', presigned.media_asset_id)
      .executeTakeFirstOrThrow();
    assert.equal(await lectern.platform.storage.stat(row.storage_key), undefined, 'the upload as sent is gone');
    assert.ok(await lectern.platform.storage.stat(row.served_key!));
    // Another user cannot see the asset, and the link cannot take a second upload.
    const stranger = await createUser(lectern);
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/media-assets/${presigned.media_asset_id}`,
      headers: stranger.auth,
    });
    assert.equal(hidden.statusCode, 404);
    const again = await followSigned(lectern, presigned.upload_url, {
      method: 'PUT',
      body: image,
      headers: { 'content-type': 'image/jpeg' },
    });
    assert.equal(again.status, 409);
  });

  it('keeps PNG and WebP in their format and small images at their size', async () => {
    for (const format of ['png', 'webp'] as const) {
      const user = await createUser(lectern);
      const image = await photo(format, 300, 200);
      const presigned = (await presign(user, { content_type: `image/${format}`, size: image.length })).json();
      await followSigned(lectern, presigned.upload_url, {
        method: 'PUT',
        body: image,
        headers: { 'content-type': `image/${format}` },
      });
      await lectern.queue.settle(60_000);
      const url = (await getProfile(user)).json().avatar_url as string;
      const redirect = await app.inject({ method: 'GET', url: url.slice(PUBLIC_URL.length) });
      const meta = await sharp((await followSigned(lectern, redirect.headers.location as string)).body).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height, meta.exif], [format, 300, 200, undefined]);
    }
  });

  it('fails an upload that is not the image it claims, and keeps the previous avatar', async () => {
    const user = await createUser(lectern);
    const bytes = Buffer.concat([Buffer.from('<html><script>alert(1)</script>'), Buffer.alloc(2048, 0x20)]);
    const presigned = (await presign(user, { content_type: 'image/png', size: bytes.length })).json();
    await followSigned(lectern, presigned.upload_url, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'image/png' },
    });
    await lectern.queue.settle(60_000);
    const asset = (
      await app.inject({ method: 'GET', url: `/api/media-assets/${presigned.media_asset_id}`, headers: user.auth })
    ).json();
    assert.equal(asset.status, 'failed');
    assert.match(asset.failure_reason, /JPEG, PNG or WebP/);
    assert.equal((await getProfile(user)).json().avatar_url, null);
  });
});
