// Learning's domain events through HTTP: enrolments made, cancelled and refunded, payments,
// lessons and videos completed, courses completed and certificates issued, each once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { eventRecorder } from '../helpers/events.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast } from '../helpers/factories.ts';
import { completeLesson, enrol, makeCourse } from './learning-helpers.ts';

const recorder = eventRecorder('test-learning', [
  'learning.enrollment.created',
  'learning.enrollment.cancelled',
  'learning.payment.recorded',
  'learning.lesson.completed',
  'learning.video.watched',
  'learning.course.completed',
  'learning.certificate.issued',
]);
const lectern = await startTestApp({}, { beforeStart: recorder.attach });
const { owner, admin, studentA, studentB } = await createCast(lectern);
const inject = (user: TestUser, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  lectern.app.inject({ method, url: `/api/v1${url}`, headers: user.auth, ...(payload ? { payload } : {}) });
/**
 * Every event about the enrolment, as [type, payload], in a stable order: the bus promises no
 * order between events (two published in one transaction may be handled either way round).
 */
const eventsOf = async (enrollmentId: string) => {
  await lectern.queue.settle();
  return sorted(
    recorder
      .all()
      .filter((e) => e.data.enrollment_id === enrollmentId)
      .map((e) => [e.type, e.data]),
  );
};
const sorted = (events: (readonly [string, object])[]) =>
  events
    .map((e) => JSON.stringify(e))
    .sort()
    .map((e) => JSON.parse(e) as [string, object]);

describe('learning events', () => {
  it('publishes an enrolment created, cancelled and created again', async () => {
    const course = await makeCourse(lectern, owner);
    const enrollment = await enrol(lectern, studentA, course.id);
    assert.equal((await inject(studentA, 'DELETE', `/enrollments/${enrollment.id}`)).statusCode, 200);
    await enrol(lectern, studentA, course.id);
    const facts = { enrollment_id: enrollment.id, user_id: studentA.id, course_id: course.id };
    assert.deepEqual(
      await eventsOf(enrollment.id),
      sorted([
        ['learning.enrollment.created', { ...facts, payment_status: 'free', granted_by: null, reactivated: false }],
        ['learning.enrollment.cancelled', { ...facts, reason: 'cancelled' }],
        ['learning.enrollment.created', { ...facts, payment_status: 'free', granted_by: null, reactivated: true }],
      ]),
    );
  });

  it('publishes a granted seat, a recorded payment and a refund', async () => {
    const course = await makeCourse(lectern, owner, { price: '25.00' });
    const granted = await inject(owner, 'POST', `/courses/${course.id}/enrollments/grant`, { user_id: studentB.id });
    assert.equal(granted.statusCode, 201);
    const paid = await inject(admin, 'POST', `/courses/${course.id}/enrollments/payments`, {
      user_id: studentA.id,
      amount: '25.00',
      currency: 'EUR',
      reference: 'INV-77',
    });
    assert.equal(paid.statusCode, 201);
    assert.equal((await inject(admin, 'POST', `/enrollments/${paid.json().id}/refund`)).statusCode, 200);

    const grantedFacts = { enrollment_id: granted.json().id, user_id: studentB.id, course_id: course.id };
    assert.deepEqual(
      await eventsOf(granted.json().id),
      sorted([
        [
          'learning.enrollment.created',
          { ...grantedFacts, payment_status: 'free', granted_by: owner.id, reactivated: false },
        ],
      ]),
    );
    const paidFacts = { enrollment_id: paid.json().id, user_id: studentA.id, course_id: course.id };
    assert.deepEqual(
      await eventsOf(paid.json().id),
      sorted([
        [
          'learning.enrollment.created',
          { ...paidFacts, payment_status: 'paid', granted_by: admin.id, reactivated: false },
        ],
        [
          'learning.payment.recorded',
          { ...paidFacts, amount: '25.00', currency: 'EUR', reference: 'INV-77', recorded_by: admin.id },
        ],
        ['learning.enrollment.cancelled', { ...paidFacts, reason: 'refunded' }],
      ]),
    );
  });

  it('publishes each lesson completed once, then the course completed and its certificate', async () => {
    const course = await makeCourse(lectern, owner, { lessons: 2, hasCertificate: true });
    const enrollment = await enrol(lectern, studentA, course.id);
    const [first, second] = course.lessonIds as [string, string];
    assert.equal((await completeLesson(lectern, studentA, enrollment.id, first)).statusCode, 200);
    assert.equal((await completeLesson(lectern, studentA, enrollment.id, first)).statusCode, 200);
    assert.equal((await completeLesson(lectern, studentA, enrollment.id, second)).statusCode, 200);
    const issued = await inject(studentA, 'POST', '/certificates/generate', { enrollment_id: enrollment.id });
    assert.equal(issued.statusCode, 201);
    assert.equal(
      (await inject(studentA, 'POST', '/certificates/generate', { enrollment_id: enrollment.id })).statusCode,
      200,
    );

    const facts = { enrollment_id: enrollment.id, user_id: studentA.id, course_id: course.id };
    const events = (await eventsOf(enrollment.id)).filter(([type]) => type !== 'learning.enrollment.created');
    assert.deepEqual(
      events,
      sorted([
        ['learning.lesson.completed', { ...facts, lesson_id: first, score: null }],
        ['learning.lesson.completed', { ...facts, lesson_id: second, score: null }],
        ['learning.course.completed', facts],
        [
          'learning.certificate.issued',
          {
            ...facts,
            certificate_id: issued.json().id,
            certificate_number: issued.json().certificate_number,
            course_title: issued.json().course_title,
          },
        ],
      ]),
    );
  });

  it('publishes each lesson and the course once when one student completes them all at once, twice each', async () => {
    const course = await makeCourse(lectern, owner, { lessons: 4 });
    const enrollment = await enrol(lectern, studentB, course.id);
    const twice = [...course.lessonIds, ...course.lessonIds];
    const responses = await Promise.all(twice.map((id) => completeLesson(lectern, studentB, enrollment.id, id)));
    assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [200]);
    const facts = { enrollment_id: enrollment.id, user_id: studentB.id, course_id: course.id };
    const events = (await eventsOf(enrollment.id)).filter(([type]) => type !== 'learning.enrollment.created');
    assert.deepEqual(
      events,
      sorted([
        ...course.lessonIds.map(
          (id) => ['learning.lesson.completed', { ...facts, lesson_id: id, score: null }] as const,
        ),
        ['learning.course.completed', facts],
      ]),
    );
  });

  it('publishes a video watched once it passes the threshold, with the lesson it completes', async () => {
    const course = await makeCourse(lectern, owner, { lessons: 2 });
    const [video] = course.lessonIds as [string, string];
    await lectern.database.db
      .updateTable('lessons')
      .set({ type: 'video', duration_seconds: 100 })
      .where('id', '=', video)
      .execute();
    const enrollment = await enrol(lectern, studentB, course.id);
    const watch = (from: number, to: number) =>
      inject(studentB, 'POST', `/enrollments/${enrollment.id}/lessons/${video}/watch`, {
        from_seconds: from,
        to_seconds: to,
      });
    assert.equal((await watch(0, 50)).statusCode, 200);
    assert.equal((await watch(50, 95)).json().video_watched, true);
    assert.equal((await watch(95, 100)).statusCode, 200);

    const facts = { enrollment_id: enrollment.id, user_id: studentB.id, course_id: course.id };
    const events = (await eventsOf(enrollment.id)).filter(([type]) => type !== 'learning.enrollment.created');
    assert.deepEqual(
      events,
      sorted([
        ['learning.lesson.completed', { ...facts, lesson_id: video, score: null }],
        ['learning.video.watched', { ...facts, lesson_id: video, watched_seconds: 95, completion_percentage: 95 }],
      ]),
    );
  });

  it('carries the score and the video flag a progress update completes a lesson with', async () => {
    const course = await makeCourse(lectern, owner, { lessons: 2 });
    const [quizLike] = course.lessonIds as [string, string];
    const enrollment = await enrol(lectern, studentA, course.id);
    const update = await inject(studentA, 'PUT', `/enrollments/${enrollment.id}/lessons/${quizLike}/progress`, {
      completed: true,
      score: 87.5,
      video_watched: true,
    });
    assert.equal(update.statusCode, 200, update.body);
    const facts = { enrollment_id: enrollment.id, user_id: studentA.id, course_id: course.id };
    const events = (await eventsOf(enrollment.id)).filter(([type]) => type !== 'learning.enrollment.created');
    assert.deepEqual(
      events,
      sorted([
        ['learning.lesson.completed', { ...facts, lesson_id: quizLike, score: 87.5 }],
        ['learning.video.watched', { ...facts, lesson_id: quizLike, watched_seconds: 0, completion_percentage: 0 }],
      ]),
    );
  });
});
