// 000's vimeo paths without a Vimeo token: the upload link is Lectern's own tus endpoint (same
// response fields), and metadata and deletion work on the video by its ticket id.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { assertGatewayError, gatewayClient, gatewayCourse } from './gateway-helpers.ts';

const lectern = await startTestApp();
const req = gatewayClient(lectern);
const { owner: teacher, otherInstructor: otherTeacher, admin } = await createCast(lectern);

describe("000 vimeo paths on Lectern's own tus", () => {
  it('opens a tus upload with the same fields, changes its metadata and deletes it', async () => {
    const course = await gatewayCourse(lectern, teacher, { lessons: 1 });
    const upload = await req('POST', '/content/vimeo/upload', teacher, {
      name: 'Lesson Video',
      description: 'Video description',
      size: 1000,
      course_id: course.id,
      lesson_id: course.lessonIds[0],
    });
    assert.equal(upload.statusCode, 201, upload.body);
    const ticket = upload.json();
    assert.deepEqual(Object.keys(ticket).sort(), ['complete_uri', 'ticket_id', 'upload_id', 'upload_link']);
    assert.equal(ticket.complete_uri, `/api/v1/media-assets/${ticket.ticket_id}/complete`);
    assert.ok(ticket.upload_link.endsWith(`/${ticket.upload_id}`), ticket.upload_link);
    assert.ok(ticket.upload_link.startsWith('http://lectern.test/'), ticket.upload_link);
    // The link is a live tus upload of the declared length.
    const head = await lectern.app.inject({
      method: 'HEAD',
      url: new URL(ticket.upload_link).pathname,
      headers: { 'tus-resumable': '1.0.0' },
    });
    assert.equal(head.statusCode, 200, head.body);
    assert.equal(head.headers['upload-length'], '1000');
    assert.equal(head.headers['upload-offset'], '0');

    const changed = await req('PUT', `/content/vimeo/update-metadata/${ticket.ticket_id}`, teacher, {
      name: 'Intro / Part 1',
      privacy: 'unlisted',
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual(changed.json().video, {
      id: ticket.ticket_id,
      vimeo_id: null,
      name: 'Intro / Part 1',
      description: 'Video description',
      privacy: 'unlisted',
      status: 'uploading',
      duration: null,
      course_id: course.id,
      lesson_id: course.lessonIds[0],
    });
    assertGatewayError(await req('PUT', `/content/vimeo/update-metadata/${ticket.ticket_id}`, otherTeacher, {}), 404);
    assertGatewayError(await req('PUT', '/content/vimeo/update-metadata/not-an-id', teacher, {}), 422);
    assertGatewayError(await req('PUT', '/content/vimeo/update-metadata/123456', teacher, {}), 404);

    assertGatewayError(await req('DELETE', `/content/vimeo/delete/${ticket.ticket_id}`, otherTeacher), 404);
    const deleted = await req('DELETE', `/content/vimeo/delete/${ticket.ticket_id}`, admin);
    assert.equal(deleted.statusCode, 200, deleted.body);
    assertGatewayError(await req('DELETE', `/content/vimeo/delete/${ticket.ticket_id}`, teacher), 404);
    const headAfter = await lectern.app.inject({
      method: 'HEAD',
      url: new URL(ticket.upload_link).pathname,
      headers: { 'tus-resumable': '1.0.0' },
    });
    assert.equal(headAfter.statusCode, 404);
  });
});
