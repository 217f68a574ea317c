// The modules' domain events become analytics events automatically, exactly once each: on a
// first delivery, after a failed handler is retried, and when a job is delivered again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sql } from 'kysely';

import { subscriberQueue } from '../../src/platform/events/index.ts';
import { startTestApp } from '../helpers/app.ts';
import { eventRecorder, eventually } from '../helpers/events.ts';
import { createCast } from '../helpers/factories.ts';
import { completeCourse, enrol, makeCourse } from '../learning/learning-helpers.ts';

const recorder = eventRecorder('test-analytics', ['learning.enrollment.created']);
const lectern = await startTestApp({}, { beforeStart: recorder.attach });
const { db } = lectern.database;
const { owner, admin, studentA, studentB } = await createCast(lectern);

const recorded = async (where: { userId?: string; courseId?: string }) =>
  (
    await sql<{ type: string; src: string; payload: Record<string, unknown> }>`
      select type, src, payload from analytics_events
      where src = 'server'
        and (${where.userId ?? null}::uuid is null or user_id = ${where.userId ?? null}::uuid)
        and (${where.courseId ?? null}::text is null or payload->>'course_id' = ${where.courseId ?? null}::text)
      order by type`.execute(db)
  ).rows;

describe('domain events recorded as analytics events', () => {
  it('records each registration once, with the role and method', async () => {
    await lectern.queue.settle();
    for (const user of [owner, admin, studentA, studentB]) {
      const rows = await recorded({ userId: user.id });
      const registered = rows.filter((row) => row.type === 'user_registered');
      assert.equal(registered.length, 1, user.email);
      // Registration happens as a student; the test promotes staff afterwards in the database.
      assert.equal(registered[0]?.payload['role'], 'student');
      assert.equal(registered[0]?.payload['method'], 'password');
      assert.equal(typeof registered[0]?.payload['event_id'], 'string');
    }
  });

  it('records an enrolment, lessons, the completion and the certificate, once each', async () => {
    const course = await makeCourse(lectern, owner, { lessons: 2 });
    const enrollmentId = await completeCourse(lectern, studentA, course);
    const issued = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/certificates/generate',
      headers: studentA.auth,
      payload: { enrollment_id: enrollmentId },
    });
    assert.equal(issued.statusCode, 201, issued.body);
    await lectern.queue.settle();
    const rows = await recorded({ courseId: course.id });
    assert.deepEqual(
      rows.map((row) => row.type),
      ['certificate_issued', 'course_completed', 'course_enrolled', 'lesson_completed', 'lesson_completed'],
    );
    for (const row of rows) assert.equal(row.payload['enrollment_id'], enrollmentId);
    assert.deepEqual(
      rows
        .filter((row) => row.type === 'lesson_completed')
        .map((row) => row.payload['lesson_id'])
        .sort(),
      [...course.lessonIds].sort(),
    );
  });

  it('records a failed handler’s event once after its retry, and nothing on a redelivery', async () => {
    const course = await makeCourse(lectern, owner, { lessons: 1 });
    // The event store refuses this course's enrolment for a while: the handler fails and retries.
    await sql
      .raw(
        `alter table analytics_events add constraint analytics_test_refuse check (type <> 'course_enrolled' or payload->>'course_id' is distinct from '${course.id}')`,
      )
      .execute(db);
    await enrol(lectern, studentB, course.id);
    await eventually(async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pgboss.job
        where name = ${subscriberQueue('analytics')} and data->'data'->>'course_id' = ${course.id} and retry_count > 0`.execute(
        db,
      );
      return (rows[0]?.n ?? 0) > 0;
    }, 40_000);
    assert.equal((await recorded({ courseId: course.id })).length, 0);
    await sql.raw(`alter table analytics_events drop constraint analytics_test_refuse`).execute(db);
    await eventually(async () => (await recorded({ courseId: course.id })).length > 0, 60_000);

    // The same job delivered again (a worker that crashed after committing) records nothing.
    const [published] = recorder.find('learning.enrollment.created', (data) => data.course_id === course.id);
    assert.ok(published);
    await lectern.queue.send(subscriberQueue('analytics'), published);
    await lectern.queue.settle();
    const rows = await recorded({ courseId: course.id });
    assert.deepEqual(
      rows.map((row) => [row.type, row.payload['event_id']]),
      [['course_enrolled', published.id]],
    );
  });
});
