// The document's own JavaScript clients (doc-clients.js: ContentManager, ProfileManager,
// APIClient, uploadAvatar and the profile form's script), run unchanged against a Lectern
// listening on a real socket: a course built to a real MP4 that becomes ready, a profile and an
// avatar, and the API test client with its error handling.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';

import sharp from 'sharp';

import { makeMedia } from '../files/support.ts';
import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';
import {
  APIClient,
  ContentManager,
  installProfileForm,
  ProfileManager,
  setAccessToken,
  setApiOrigin,
  uploadAvatar,
} from './doc-clients.js';

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const lectern = await startTestApp({ PUBLIC_URL: origin });
await lectern.app.listen({ port, host: '127.0.0.1' });
setApiOrigin(origin);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers read as the document shows them
type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return free;
}

/** Until the asset leaves uploading/processing (the worker runs in this process). */
async function settledAsset(user: TestUser, assetId: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    await lectern.queue.settle(120_000);
    const response = await fetch(`${origin}/api/media-assets/${assetId}`, { headers: user.auth });
    const asset = await json(response);
    if (!['uploading', 'processing'].includes(asset.status) || Date.now() > deadline) return asset;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A JPEG photo with EXIF metadata; noisy, so even a small one weighs more than 1 KB. */
const image = async (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .withExif({ IFD0: { Copyright: 'hidden' } })
    .toBuffer();

describe('the document’s clients against a listening Lectern', () => {
  it('ContentManager builds a course and uploads a real MP4 that becomes ready', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const contentManager = new ContentManager(instructor.accessToken);
    const course = await contentManager.createCourse({
      title: 'JavaScript Fundamentals',
      description: 'Learn JavaScript from scratch',
      status: 'draft',
    });
    assert.equal(course.status, 'draft');
    const section = await contentManager.addSection(course.id, { title: 'Variables and Functions', sequence: 1 });
    assert.equal(section.sequence, 1);
    const material = await contentManager.addMaterial(section.id, {
      type: 'video',
      title: 'Introduction to Variables',
      status: 'draft',
    });
    assert.equal(material.type, 'video');
    const videoFile = new File([makeMedia('mp4')], 'lesson1.mp4', { type: 'video/mp4' });
    await contentManager.uploadVideo(material.id, videoFile);

    const withAssets = await json(await fetch(`${origin}/api/materials/${material.id}`, { headers: instructor.auth }));
    assert.equal(withAssets.media_assets.length, 1);
    const asset = await settledAsset(instructor, withAssets.media_assets[0].id);
    assert.equal(asset.status, 'ready', JSON.stringify(asset));
    assert.equal(asset.material_id, material.id);
    assert.equal(asset.file_size, videoFile.size);
    assert.ok(Math.abs(asset.duration - 2) < 0.2);
    const video = await fetch(asset.url);
    assert.equal(video.status, 200);
    assert.equal(Number(video.headers.get('content-length')), videoFile.size);
    const detail = await json(await fetch(`${origin}/api/courses/${course.id}`, { headers: instructor.auth }));
    assert.deepEqual(detail.sections, [
      { id: section.id, title: 'Variables and Functions', sequence: 1, material_count: 1 },
    ]);
  });

  it('ProfileManager reads and updates the profile and uploads an avatar served re-encoded', async () => {
    const user = await createUser(lectern);
    const profileManager = new ProfileManager(user.accessToken);
    const current = await profileManager.getProfile();
    assert.equal(current.user_id, user.id);
    const updated = await profileManager.updateProfile({
      first_name: 'John',
      nickname: 'johnny_dev',
      city: 'San Francisco',
      position: 'Senior Developer',
    });
    assert.deepEqual(
      [updated.first_name, updated.nickname, updated.city, updated.position],
      ['John', 'johnny_dev', 'San Francisco', 'Senior Developer'],
    );

    const avatarFile = new File([await image(1200, 1200)], 'me.jpg', { type: 'image/jpeg' });
    const newAvatarUrl = await profileManager.uploadAvatar(avatarFile);
    const completeUpdate = await profileManager.updateProfileWithAvatar(
      { company: 'New Company', position: 'Tech Lead' },
      avatarFile,
    );
    assert.deepEqual([completeUpdate.company, completeUpdate.position], ['New Company', 'Tech Lead']);
    assert.notEqual(completeUpdate.avatar_url, newAvatarUrl, 'avatar_url follows uploads, not the body');
    await lectern.queue.settle(60_000);

    const profile = await profileManager.getProfile();
    assert.ok(profile.avatar_url.startsWith(`${origin}/`));
    assert.notEqual(profile.avatar_url, newAvatarUrl, 'the second upload is the current avatar');
    const served = await fetch(profile.avatar_url);
    assert.equal(served.status, 200);
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height, meta.exif], ['jpeg', 1024, 1024, undefined]);
    assert.equal((await fetch(newAvatarUrl)).status, 200, 'the first upload still serves at its own address');

    await assert.rejects(
      profileManager.uploadAvatar(new File(['not an image'], 'x.txt', { type: 'text/plain' })),
      /File must be an image/,
    );
    await assert.rejects(
      profileManager.uploadAvatar(new File([Buffer.alloc(100)], 'tiny.png', { type: 'image/png' })),
      /Failed to get upload URL/,
    );
  });

  it('uploadAvatar (the standalone example) returns the new avatar_url', async () => {
    const user = await createUser(lectern);
    const avatarUrl = await uploadAvatar(
      user.accessToken,
      new File([await image(64, 64)], 'a.jpg', { type: 'image/jpeg' }),
    );
    await lectern.queue.settle(60_000);
    assert.equal((await new ProfileManager(user.accessToken).getProfile()).avatar_url, avatarUrl);
  });

  it('the profile form’s script submits the form, dropping empty fields, with and without an avatar', async () => {
    const user = await createUser(lectern, { fullName: 'Form User' });
    setAccessToken(user.accessToken);
    const alerts: string[] = [];
    const fields: Record<string, string> = {
      first_name: 'Jane',
      nickname: '',
      birth_date: '1992-02-29',
      gender: 'female',
      country: 'Switzerland',
      city: 'Zurich',
      company: '',
      position: 'Engineer',
    };
    const form = { fields, submit: undefined as undefined | ((event: object) => Promise<void>) };
    const avatarInput = { files: [] as File[] };
    const RealFormData = globalThis.FormData;
    const globals = globalThis as unknown as Record<string, unknown>;
    globals['document'] = {
      getElementById: (id: string) =>
        id === 'profile-form'
          ? {
              addEventListener: (_type: string, handler: (event: object) => Promise<void>) => {
                form.submit = handler;
              },
            }
          : avatarInput,
    };
    globals['alert'] = (message: string) => alerts.push(message);
    // A browser's FormData reads the form's named inputs; this one reads the stand-in's fields.
    globals['FormData'] = class extends RealFormData {
      constructor(target?: { fields?: Record<string, string> }) {
        super();
        for (const [name, value] of Object.entries(target?.fields ?? {})) this.append(name, value);
      }
    };
    try {
      installProfileForm();
      const submit = () => form.submit!({ preventDefault: () => undefined, target: form });
      await submit();
      assert.deepEqual(alerts, ['Profile updated successfully!']);
      const profile = await new ProfileManager(user.accessToken).getProfile();
      assert.deepEqual(
        [profile.first_name, profile.nickname, profile.birth_date, profile.gender, profile.city, profile.company],
        ['Jane', null, '1992-02-29', 'female', 'Zurich', null],
      );

      avatarInput.files = [new File([await image(200, 100)], 'me.jpg', { type: 'image/jpeg' })];
      fields['gender'] = 'robot';
      await submit();
      assert.equal(alerts.at(-1), 'Error updating profile: Failed to update profile');
      fields['gender'] = 'other';
      await submit();
      assert.equal(alerts.at(-1), 'Profile updated successfully!');
      await lectern.queue.settle(60_000);
      const after = await new ProfileManager(user.accessToken).getProfile();
      assert.equal(after.gender, 'other');
      assert.ok(after.avatar_url);
    } finally {
      globals['FormData'] = RealFormData;
      delete globals['document'];
      delete globals['alert'];
    }
  });

  it('APIClient logs in, reads and writes, and surfaces the services’ error messages', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const anonymous = new APIClient(origin, null);
    const { access_token } = await anonymous.login(instructor.email, instructor.password);
    const client = new APIClient(origin, access_token);
    const profile = await client.getProfile();
    assert.equal(profile.user_id, instructor.id);
    assert.equal((await client.updateProfile({ city: 'Lisbon' })).city, 'Lisbon');
    const created = await client.createCourse({ title: 'Advanced JavaScript', status: 'published' });
    const { courses } = await client.getCourses();
    assert.ok(courses.some((course: { id: string }) => course.id === created.id));

    const student = await createUser(lectern);
    const studentClient = new APIClient(origin, student.accessToken);
    await assert.rejects(studentClient.createCourse({ title: 'Mine' }), /API Error: Not authorized/);
    await assert.rejects(new APIClient(origin, 'bogus').getProfile(), /API Error: Could not validate credentials/);
    await assert.rejects(anonymous.login(instructor.email, 'Wrong-Pass-9!'), /API Error: Unauthorized/);
  });
});
