// The scheduled reminders. assignment_due: students who have not handed in an assignment due
// within 24 hours are mailed, each once, however often the job runs; those who handed in, those
// not enrolled and assignments due later are left alone; a muted category is suppressed.
// lesson_reminder: a course's weekly session (004's schedule, "Monday 10:00" in UTC) starting
// within the hour reminds its active students, once per session.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ASSIGNMENT_DUE_JOB, LESSON_REMINDER_JOB } from '../../src/modules/notifications/index.ts';
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

async function remindersFor(userId: string, template = 'assignment_due') {
  await lectern.queue.settle();
  return lectern.database.db
    .selectFrom('notifications')
    .select(['status', 'data'])
    .where('user_id', '=', userId)
    .where('template', '=', template)
    .orderBy('created_at')
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

describe('lesson_reminder for scheduled course sessions', () => {
  it('reminds active students once per session starting within the hour', async () => {
    const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    const session = new Date(lectern.clock.now().getTime() + 30 * 60_000);
    const slot = `${weekdays[session.getUTCDay()]} ${String(session.getUTCHours()).padStart(2, '0')}:${String(session.getUTCMinutes()).padStart(2, '0')}`;
    const instructor = await createUser(lectern, { role: 'instructor' });
    const course = await makeCourse(lectern, instructor);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/courses/${course.id}`,
      headers: instructor.auth,
      payload: { schedule: [slot, 'whenever you like'] },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const [student, outsider] = await Promise.all([createUser(lectern), createUser(lectern)]);
    await enrol(lectern, student, course.id);

    await lesson();
    await lesson();
    const rows = await remindersFor(student.id, 'lesson_reminder');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'sent');
    const startsAt = `${session.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    assert.equal((rows[0]!.data as { starts_at: string }).starts_at, startsAt);
    await waitForMail(smtp.messages, student.email, new RegExp(`Subject: Reminder: .* at ${startsAt}`));
    assert.equal((await remindersFor(outsider.id, 'lesson_reminder')).length, 0);

    // The same slot next week is another session.
    lectern.clock.advance(7 * 24 * 3_600_000);
    await lesson();
    assert.equal((await remindersFor(student.id, 'lesson_reminder')).length, 2);
  });
});

async function lesson() {
  await lectern.queue.send(LESSON_REMINDER_JOB, {});
  await lectern.queue.settle();
}
