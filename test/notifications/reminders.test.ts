// The scheduled assignment_due reminder: students who have not handed in an assignment due within
// 24 hours are mailed, each once, however often the job runs; those who handed in, those not
// enrolled and assignments due later are left alone; a muted category is suppressed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ASSIGNMENT_DUE_JOB } from '../../src/modules/notifications/index.ts';
import { startTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { enrol, makeCourse } from '../learning/learning-helpers.ts';
import { mailText, waitForMail } from './support.ts';

const smtp = await startSmtpServer();
const lectern = await startTestApp({ SMTP_URL: smtp.url });
const { app } = lectern;

const inHours = (hours: number) => new Date(lectern.clock.now().getTime() + hours * 3_600_000).toISOString();

async function runReminders() {
  await lectern.queue.send(ASSIGNMENT_DUE_JOB, {});
  await lectern.queue.settle();
}

async function remindersFor(userId: string) {
  await lectern.queue.settle();
  return lectern.database.db
    .selectFrom('notifications')
    .select(['status', 'data'])
    .where('user_id', '=', userId)
    .where('template', '=', 'assignment_due')
    .execute();
}

describe('assignment_due reminders', () => {
  it('reminds each student who has not handed in, once, when the assignment is due within 24 h', async () => {
    const instructor = await createUser(lectern, { role: 'instructor' });
    const course = await makeCourse(lectern, instructor);
    const [waiting, handedIn, muted, outsider] = await Promise.all([
      createUser(lectern),
      createUser(lectern),
      createUser(lectern),
      createUser(lectern),
    ]);
    for (const student of [waiting, handedIn, muted]) await enrol(lectern, student, course.id);
    const mute = await app.inject({
      method: 'PUT',
      url: '/api/subscriptions',
      headers: muted.auth,
      payload: { email: { course_notifications: false } },
    });
    assert.equal(mute.statusCode, 200);
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/courses/${course.id}/assignments`,
      headers: instructor.auth,
      payload: { title: 'Essay on <b>Rust</b>', description: 'x', due_date: inHours(30), max_score: 100 },
    });
    assert.equal(created.statusCode, 201, created.body);
    const assignmentId = created.json().id as string;
    const submitted = await app.inject({
      method: 'POST',
      url: `/api/v1/assignments/${assignmentId}/submissions`,
      headers: handedIn.auth,
      payload: { content: 'My essay' },
    });
    assert.equal(submitted.statusCode, 201, submitted.body);

    // Due in 30 h: too early.
    await runReminders();
    assert.equal((await remindersFor(waiting.id)).length, 0);

    lectern.clock.advance(7 * 3_600_000); // now due in 23 h
    await runReminders();
    await runReminders();
    const mine = await remindersFor(waiting.id);
    assert.deepEqual(
      mine.map((r) => r.status),
      ['sent'],
    );
    assert.equal((mine[0]!.data as { assignment_title: string }).assignment_title, 'Essay on <b>Rust</b>');
    const mail = await waitForMail(smtp.messages, waiting.email, /Subject: Essay on <b>Rust<\/b> is due/);
    assert.match(mailText(mail), /Essay on &lt;b&gt;Rust&lt;\/b&gt;/);
    assert.equal(smtp.messages.filter((m) => m.to.includes(waiting.email) && /is due/.test(mailText(m))).length, 1);
    assert.equal((await remindersFor(handedIn.id)).length, 0);
    assert.equal((await remindersFor(outsider.id)).length, 0);
    assert.deepEqual(
      (await remindersFor(muted.id)).map((r) => r.status),
      ['suppressed'],
    );

    // Past due: no more reminders.
    lectern.clock.advance(24 * 3_600_000);
    await runReminders();
    assert.equal((await remindersFor(waiting.id)).length, 1);
  });
});
