// 002's content through HTTP: sections, lectures (PUT vs PATCH), video, PDF upload (sniffed),
// resources, who may read and write them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { djangoCaller } from './django-helpers.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern);
const call = djangoCaller(lectern);

const course = (
  await call('POST', '/api/courses/', owner.auth, { title: 'Content course', status: 'published' })
).json();

function multipartBody(content: Buffer, filename: string, type = 'application/pdf') {
  const boundary = '----drf-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nSlides\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** The head of an ISO base media file (`ftyp` box, brand isom): sniffed as video/mp4. */
const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom'),
  Buffer.from([0, 0, 2, 0]),
  Buffer.from('isomiso2mp41'),
  Buffer.alloc(64),
]);

describe('002 content', () => {
  let sectionId = '';
  let lectureId = '';

  it('creates and lists sections; only staff write', async () => {
    for (const who of [studentA, otherInstructor]) {
      const refused = await call('POST', `/api/courses/${course.id}/sections/`, who.auth, { title: 'S' });
      assert.equal(refused.statusCode, 403);
    }
    assert.equal(
      (await call('POST', `/api/courses/${course.id}/sections/`, undefined, { title: 'S' })).statusCode,
      401,
    );
    const created = await call('POST', `/api/courses/${course.id}/sections/`, owner.auth, {
      title: 'Getting Started',
      order_index: 1,
    });
    assert.equal(created.statusCode, 201, created.body);
    sectionId = created.json().id;
    assert.equal(created.json().order_index, 1);
    assert.equal(created.headers['location'], `/api/sections/${sectionId}/`);
    const list = (await call('GET', `/api/courses/${course.id}/sections/`)).json();
    assert.equal(list.count, 1);
    assert.equal(list.results[0].title, 'Getting Started');
    const put = await call('PUT', `/api/sections/${sectionId}/`, owner.auth, { description: 'x' });
    assert.deepEqual(put.json(), { title: ['This field is required.'] });
    const patch = await call('PATCH', `/api/sections/${sectionId}/`, admin.auth, { description: 'Intro' });
    assert.equal(patch.statusCode, 200);
    assert.equal(patch.json().title, 'Getting Started');
    assert.equal((await call('PATCH', `/api/sections/${sectionId}/`, studentB.auth, { title: 'x' })).statusCode, 403);
  });

  it('creates lectures, hides their content from students not enrolled', async () => {
    const created = await call('POST', `/api/sections/${sectionId}/lectures/`, owner.auth, {
      title: 'Introduction to Python',
      content_type: 'text',
      content: 'print("hi")',
      duration_seconds: 600,
      order_index: 1,
    });
    assert.equal(created.statusCode, 201, created.body);
    lectureId = created.json().id;
    assert.equal(created.json().duration_seconds, 600);
    assert.equal(created.json().section, sectionId);
    const locked = await call('GET', `/api/lectures/${lectureId}/`, studentA.auth);
    assert.equal(locked.statusCode, 403);
    const list = (await call('GET', `/api/sections/${sectionId}/lectures/`, studentA.auth)).json();
    assert.equal(list.count, 1);
    assert.equal(list.results[0].content, null);
    const invalid = await call('POST', `/api/sections/${sectionId}/lectures/`, owner.auth, {
      content_type: 'movie',
      duration_seconds: -1,
    });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(Object.keys(invalid.json()).sort(), ['content_type', 'duration_seconds', 'title']);
  });

  it('PUT vs PATCH on a lecture; a video URL with its provider', async () => {
    const patch = await call('PATCH', `/api/lectures/${lectureId}/`, owner.auth, { is_preview: true });
    assert.equal(patch.statusCode, 200);
    assert.equal(patch.json().title, 'Introduction to Python');
    assert.equal(patch.json().is_preview, true);
    const put = await call('PUT', `/api/lectures/${lectureId}/`, owner.auth, { content: 'x' });
    assert.equal(put.statusCode, 400);
    assert.equal((await call('PATCH', `/api/lectures/${lectureId}/`, otherInstructor.auth, {})).statusCode, 403);
    const video = await call('POST', `/api/lectures/${lectureId}/video/`, owner.auth, {
      video_url: 'https://vimeo.com/12345678',
    });
    assert.equal(video.statusCode, 201, video.body);
    assert.equal(video.json().video_provider, 'vimeo');
    assert.equal(video.json().content_type, 'video');
    const preview = await call('GET', `/api/lectures/${lectureId}/`);
    assert.equal(preview.statusCode, 200);
    assert.equal(preview.json().video_url, 'https://vimeo.com/12345678');
    assert.equal(
      (await call('POST', `/api/lectures/${lectureId}/video/`, studentA.auth, { video_url: 'https://x.test/v' }))
        .statusCode,
      403,
    );
  });

  it('uploads a PDF (sniffed) and adds link resources', async () => {
    const pdf = await lectern.app.inject({
      method: 'POST',
      url: `/api/lectures/${lectureId}/pdf/`,
      ...multipartBody(PDF, 'slides.pdf'),
      headers: { ...multipartBody(PDF, 'slides.pdf').headers, ...owner.auth },
    });
    assert.equal(pdf.statusCode, 201, pdf.body);
    assert.equal(pdf.json().content_type, 'application/pdf');
    assert.equal(pdf.json().title, 'Slides');
    const fake = multipartBody(Buffer.from('just text, not a pdf'), 'fake.pdf');
    const refused = await lectern.app.inject({
      method: 'POST',
      url: `/api/lectures/${lectureId}/pdf/`,
      payload: fake.payload,
      headers: { ...fake.headers, ...owner.auth },
    });
    assert.equal(refused.statusCode, 415, refused.body);
    const student = await lectern.app.inject({
      method: 'POST',
      url: `/api/lectures/${lectureId}/pdf/`,
      payload: multipartBody(PDF, 's.pdf').payload,
      headers: { ...multipartBody(PDF, 's.pdf').headers, ...studentA.auth },
    });
    assert.equal(student.statusCode, 403);
    const unknown = await lectern.app.inject({
      method: 'POST',
      url: '/api/lectures/00000000-0000-4000-8000-000000000000/pdf/',
      payload: multipartBody(PDF, 's.pdf').payload,
      headers: { ...multipartBody(PDF, 's.pdf').headers, ...owner.auth },
    });
    assert.equal(unknown.statusCode, 404, unknown.body);
    assert.deepEqual(unknown.json(), { detail: 'Lecture 00000000-0000-4000-8000-000000000000 not found' });

    const link = await call('POST', `/api/lectures/${lectureId}/resources/`, owner.auth, {
      title: 'Docs',
      url: 'https://docs.python.org/3/',
    });
    assert.equal(link.statusCode, 201, link.body);
    assert.equal(link.json().resource_type, 'link');
    const list = (await call('GET', `/api/lectures/${lectureId}/resources/`)).json();
    assert.equal(list.count, 2);
    const bad = await call('POST', `/api/lectures/${lectureId}/resources/`, owner.auth, { title: 'x', url: 'nope' });
    assert.deepEqual(bad.json(), { url: ['Enter a valid URL.'] });
  });

  it('takes an uploaded video file (multipart), sniffed, through the media module', async () => {
    const upload = (content: Buffer, auth: { authorization: string }, type = 'video/mp4') => {
      const form = multipartBody(content, 'intro.mp4', type);
      return lectern.app.inject({
        method: 'POST',
        url: `/api/lectures/${lectureId}/video/`,
        payload: form.payload,
        headers: { ...form.headers, ...auth },
      });
    };
    for (const who of [studentA, otherInstructor]) assert.equal((await upload(MP4, who.auth)).statusCode, 403);
    const anonymous = multipartBody(MP4, 'intro.mp4', 'video/mp4');
    const refusedAnonymous = await lectern.app.inject({
      method: 'POST',
      url: `/api/lectures/${lectureId}/video/`,
      payload: anonymous.payload,
      headers: anonymous.headers,
    });
    assert.equal(refusedAnonymous.statusCode, 401);
    const notVideo = await upload(PDF, owner.auth);
    assert.equal(notVideo.statusCode, 415, notVideo.body);
    assert.equal(typeof notVideo.json().detail, 'string');

    const uploaded = await upload(MP4, admin.auth);
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const body = uploaded.json();
    assert.equal(body.content_type, 'video');
    assert.equal(body.video_provider, 'upload');
    assert.equal(body.video_url, null);
    assert.equal(body.video_asset.content_type, 'video/mp4');
    assert.equal(body.video_asset.size_bytes, MP4.length);
    assert.ok(['processing', 'ready', 'failed'].includes(body.video_asset.status));
    // The asset is the lesson's media, as 001's uploads are.
    const media = await call('GET', `/api/v1/lessons/${lectureId}/media`, owner.auth);
    assert.equal(media.statusCode, 200, media.body);
    assert.deepEqual(
      media.json().map((asset: { id: string }) => asset.id),
      [body.video_asset.id],
    );
    const detail = (await call('GET', `/api/lectures/${lectureId}/`, owner.auth)).json();
    assert.equal(detail.video_provider, 'upload');
    assert.equal(detail.video_asset.id, body.video_asset.id);
    const noFile = await lectern.app.inject({
      method: 'POST',
      url: `/api/lectures/${lectureId}/video/`,
      payload: '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--b--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=b', ...owner.auth },
    });
    assert.equal(noFile.statusCode, 400, noFile.body);
    assert.deepEqual(noFile.json(), { file: ['No file was submitted.'] });
  });
});
