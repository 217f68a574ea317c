// Small HTTP helpers shared by the learning tests.
import assert from 'node:assert/strict';

import type { TestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import type { TestUser } from '../helpers/factories.ts';

export interface LearningCourse {
  id: string;
  lessonIds: string[];
}

/** A course through the catalog helper, with its lesson ids in order. */
export async function makeCourse(
  lectern: TestApp,
  owner: TestUser,
  options: { publish?: boolean; lessons?: number; maxStudents?: number; price?: string; hasCertificate?: boolean } = {},
): Promise<LearningCourse> {
  const course = (await createCourse(lectern, owner, { publish: true, lessons: 2, ...options })) as unknown as {
    id: string;
    lessons?: ({ id: string } | string)[];
    lessonIds?: string[];
  };
  const lessonIds = course.lessonIds ?? (course.lessons ?? []).map((l) => (typeof l === 'string' ? l : l.id));
  return { id: course.id, lessonIds };
}

export async function enrol(
  lectern: TestApp,
  user: TestUser,
  courseId: string,
): Promise<{ id: string; [key: string]: unknown }> {
  const response = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/enrollments',
    headers: user.auth,
    payload: { course_id: courseId },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

export async function completeLesson(lectern: TestApp, user: TestUser, enrollmentId: string, lessonId: string) {
  return lectern.app.inject({
    method: 'POST',
    url: `/api/v1/enrollments/${enrollmentId}/lessons/${lessonId}/complete`,
    headers: user.auth,
  });
}

/** Enrols and completes every lesson: the enrolment ends `completed`. */
export async function completeCourse(lectern: TestApp, user: TestUser, course: LearningCourse): Promise<string> {
  const enrollment = await enrol(lectern, user, course.id);
  for (const lessonId of course.lessonIds) {
    const response = await completeLesson(lectern, user, enrollment.id, lessonId);
    assert.equal(response.statusCode, 200, response.body);
  }
  return enrollment.id;
}
