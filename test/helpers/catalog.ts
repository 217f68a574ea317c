// Courses through the HTTP API, for every test that needs one.
import { randomBytes } from 'node:crypto';

import type { TestApp } from './app.ts';
import type { TestUser } from './factories.ts';

export interface CreateCourseOptions {
  publish?: boolean;
  /** Lessons to create (default 1); a published course needs at least one. */
  lessons?: number;
  maxStudents?: number;
  price?: string;
  hasCertificate?: boolean;
  title?: string;
}

export interface CreatedCourse {
  id: string;
  lessonIds: string[];
  sectionId: string;
}

/** Creates a course owned by `owner` (an instructor or admin) with its lessons, published when asked. */
export async function createCourse(
  lectern: TestApp,
  owner: TestUser,
  options: CreateCourseOptions = {},
): Promise<CreatedCourse> {
  const title = options.title ?? `Course ${randomBytes(4).toString('hex')}`;
  const created = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/courses',
    headers: owner.auth,
    payload: {
      title,
      description: `About ${title}`,
      ...(options.maxStudents !== undefined ? { max_students: options.maxStudents } : {}),
      ...(options.price !== undefined ? { price: options.price } : {}),
      ...(options.hasCertificate !== undefined ? { has_certificate: options.hasCertificate } : {}),
    },
  });
  if (created.statusCode !== 201) throw new Error(`create course failed: ${created.statusCode} ${created.body}`);
  const id = created.json().id as string;
  const lessonIds: string[] = [];
  let sectionId = '';
  for (let i = 1; i <= (options.lessons ?? 1); i++) {
    const lesson = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/courses/${id}/lessons`,
      headers: owner.auth,
      payload: { title: `Lesson ${i}`, content_type: 'text', content: `Content of lesson ${i}`, duration_minutes: 5 },
    });
    if (lesson.statusCode !== 201) throw new Error(`create lesson failed: ${lesson.statusCode} ${lesson.body}`);
    lessonIds.push(lesson.json().id);
    sectionId = lesson.json().section_id;
  }
  if (!sectionId) {
    const section = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/courses/${id}/sections`,
      headers: owner.auth,
      payload: { title: 'Course content' },
    });
    if (section.statusCode === 201) sectionId = section.json().id;
  }
  if (options.publish) {
    const published = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/courses/${id}/publish`,
      headers: owner.auth,
    });
    if (published.statusCode !== 200) throw new Error(`publish failed: ${published.statusCode} ${published.body}`);
  }
  return { id, lessonIds, sectionId };
}

/** A request to `/api/v1<url>` as `user` (anonymous without one), with an optional JSON body. */
export const apiV1 =
  (lectern: TestApp) => (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, user?: TestUser, payload?: object) =>
    lectern.app.inject({
      method,
      url: `/api/v1${url}`,
      ...(user ? { headers: user.auth } : {}),
      ...(payload ? { payload } : {}),
    });
