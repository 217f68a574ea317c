// Requests and assertions shared by the tests of 000's /content/* paths.
import assert from 'node:assert/strict';

import type { TestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A request to /api/v1 as `user` (anonymous when null). */
export function gatewayClient(lectern: TestApp) {
  return (method: Method, url: string, user: TestUser | null = null, payload?: object) =>
    lectern.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: user ? user.auth : {},
      ...(payload ? { payload } : {}),
    });
}

/** 000's error body: {detail, error_code, status_code, timestamp}, with the status it answered. */
export function assertGatewayError(
  response: { statusCode: number; json: () => Record<string, unknown> },
  status: number,
  code?: string,
) {
  assert.equal(response.statusCode, status, JSON.stringify(response.json()));
  const body = response.json();
  assert.deepEqual(Object.keys(body).sort(), ['detail', 'error_code', 'status_code', 'timestamp']);
  assert.equal(body['status_code'], status);
  if (code) assert.equal(body['error_code'], code);
  assert.ok(!Number.isNaN(Date.parse(String(body['timestamp']))));
  if (status === 422) {
    assert.ok(Array.isArray(body['detail']), 'a validation failure lists its fields');
    for (const item of body['detail'] as object[]) assert.deepEqual(Object.keys(item).sort(), ['field', 'message']);
  }
}

/** A course made through 000 by `teacher`, with `lessons` lessons, published unless told otherwise. */
export async function gatewayCourse(
  lectern: TestApp,
  teacher: TestUser,
  options: { lessons?: number; publish?: boolean; video?: boolean; price?: number } = {},
) {
  const req = gatewayClient(lectern);
  const created = await req('POST', '/content/admin/courses', teacher, {
    name: `Module ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Built through 000',
    price: options.price ?? 0,
    is_published: options.publish ?? true,
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  const lessonIds: string[] = [];
  for (let i = 1; i <= (options.lessons ?? 2); i++) {
    const lesson = await req('POST', '/content/lessons', teacher, {
      course_id: id,
      title: `Lesson ${i}`,
      description: `Part ${i}`,
      ...(options.video === false
        ? {}
        : { video_url: `https://vimeo.com/10000${i}`, video_type: 'vimeo', vimeo_id: `10000${i}` }),
      duration: 600,
    });
    assert.equal(lesson.statusCode, 201, lesson.body);
    lessonIds.push(lesson.json().id);
  }
  return { id, lessonIds };
}
