// Domain events become notifications, through HTTP: enrolment → course_enrolled; completion →
// course_completed, and the certificate → course_completed with its verification link; a media
// asset ready or failed → its uploader; lockout → account_locked; a sign-in from a new device →
// login_alert. Exactly one per event, preferences honoured (a muted category is suppressed,
// security mails always go), real SMTP on loopback.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { followSigned } from '../files/support.ts';
import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { completeCourse, enrol, makeCourse } from '../learning/learning-helpers.ts';
import { mailText, waitForMail } from './support.ts';

const smtp = await startSmtpServer();
const lectern = await startTestApp({ SMTP_URL: smtp.url, LOCKOUT_THRESHOLD: '3' });
const { app } = lectern;
const instructor = await createUser(lectern, { role: 'instructor' });

async function notificationsOf(userId: string, template: string) {
  await lectern.queue.settle();
  return lectern.database.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .where('template', '=', template)
    .orderBy('created_at')
    .execute();
}

const mute = (user: TestUser, body: object) =>
  app.inject({ method: 'PUT', url: '/api/subscriptions', headers: user.auth, payload: body });

describe('domain events → notifications', () => {
  it('enrolment mails course_enrolled once, with the course title and link', async () => {
    const student = await createUser(lectern);
    const course = await makeCourse(lectern, instructor);
    await enrol(lectern, student, course.id);
    const rows = await notificationsOf(student.id, 'course_enrolled');
    assert.deepEqual(
      rows.map((r) => [r.channel, r.recipient, r.status, r.sender_kind]),
      [['email', student.email, 'sent', 'system']],
    );
    const mail = await waitForMail(smtp.messages, student.email, /Subject: You are enrolled in Course /);
    assert.match(mailText(mail), new RegExp(`http://lectern\\.test/courses/${course.id}`));
    // In the student's feed too.
    const feed = await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: student.auth });
    assert.ok(feed.json().items.some((n: { id: string }) => n.id === rows[0]!.id));
  });

  it('a muted category is suppressed: nothing is sent', async () => {
    const student = await createUser(lectern);
    const muted = await mute(student, { email: { course_notifications: false } });
    assert.equal(muted.statusCode, 200, muted.body);
    const course = await makeCourse(lectern, instructor);
    await enrol(lectern, student, course.id);
    const rows = await notificationsOf(student.id, 'course_enrolled');
    assert.deepEqual(
      rows.map((r) => r.status),
      ['suppressed'],
    );
    // Only the enrolment mail is muted: the welcome mail of the sign-up may arrive meanwhile.
    const enrolmentMails = smtp.messages.filter(
      (m) => m.to.includes(student.email) && /Subject: You are enrolled/.test(m.raw),
    );
    assert.equal(enrolmentMails.length, 0);
  });

  it('completion congratulates; the certificate follows with its verification link', async () => {
    const student = await createUser(lectern);
    const course = await makeCourse(lectern, instructor, { hasCertificate: true, lessons: 1 });
    const enrollmentId = await completeCourse(lectern, student, course);
    const completed = await notificationsOf(student.id, 'course_completed');
    assert.equal(completed.length, 1);
    assert.equal(completed[0]!.status, 'sent');
    assert.equal((completed[0]!.data as { certificate_link?: string }).certificate_link, undefined);

    const generated = await app.inject({
      method: 'POST',
      url: '/api/v1/certificates/generate',
      headers: student.auth,
      payload: { enrollment_id: enrollmentId },
    });
    assert.equal(generated.statusCode, 201, generated.body);
    const code = generated.json().verification_code as string;
    const both = await notificationsOf(student.id, 'course_completed');
    assert.equal(both.length, 2);
    const link = `http://lectern.test/api/v1/certificates/verify/${code}`;
    // Same created_at under the test clock: find the certificate's by its link.
    const withLink = both.filter((r) => (r.data as { certificate_link?: string }).certificate_link === link);
    assert.equal(withLink.length, 1);
    assert.ok(withLink[0]!.body_text.includes(link));
    // Asking again returns the same certificate and sends nothing new.
    await app.inject({
      method: 'POST',
      url: '/api/v1/certificates/generate',
      headers: student.auth,
      payload: { enrollment_id: enrollmentId },
    });
    assert.equal((await notificationsOf(student.id, 'course_completed')).length, 2);
  });

  it('a failed avatar upload tells its uploader (in-app push), once', async () => {
    const user = await createUser(lectern);
    const bytes = Buffer.alloc(2048, 'x');
    const presigned = await app.inject({
      method: 'POST',
      url: '/api/v1/users/me/avatar/presign',
      headers: user.auth,
      payload: { content_type: 'image/png', size: bytes.length },
    });
    assert.equal(presigned.statusCode, 200, presigned.body);
    const { upload_url, upload_headers } = presigned.json();
    const put = await followSigned(lectern, upload_url, { method: 'PUT', body: bytes, headers: upload_headers });
    assert.equal(put.status, 200);
    await lectern.queue.settle();
    const rows = await notificationsOf(user.id, 'media_failed');
    assert.deepEqual(
      rows.map((r) => [r.channel, r.recipient, r.status]),
      [['push', user.id, 'sent']],
    );
    assert.match(rows[0]!.body_text, /Your avatar could not be used: avatars must be JPEG, PNG or WebP images\./);
    assert.equal((await notificationsOf(user.id, 'media_ready')).length, 0);
  });

  it('lockout mails account_locked even when security alerts are muted', async () => {
    const user = await createUser(lectern);
    assert.equal((await mute(user, { email: { security_alerts: false } })).statusCode, 200);
    for (let i = 0; i < 3; i++) {
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: 'Wrong-Password-1' },
      });
      assert.equal(wrong.statusCode, 401);
    }
    const rows = await notificationsOf(user.id, 'account_locked');
    assert.deepEqual(
      rows.map((r) => r.status),
      ['sent'],
    );
    const mail = await waitForMail(smtp.messages, user.email, /Subject: Your Lectern account is locked/);
    assert.match(mailText(mail), /locked until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  });

  it('a sign-in from a new device sends login_alert; a known device and the first sign-in do not', async () => {
    const user = await createUser(lectern);
    const login = (userAgent: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'user-agent': userAgent },
        payload: { email: user.email, password: user.password },
      });
    assert.equal((await login('lightMyRequest')).statusCode, 200);
    assert.equal((await login('lightMyRequest')).statusCode, 200);
    await lectern.queue.settle();
    assert.equal((await notificationsOf(user.id, 'login_alert')).length, 0);
    assert.equal((await login('Firefox/140.0 on a new laptop')).statusCode, 200);
    assert.equal((await login('Firefox/140.0 on a new laptop')).statusCode, 200);
    const rows = await notificationsOf(user.id, 'login_alert');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'sent');
    const mail = await waitForMail(smtp.messages, user.email, /Subject: New sign-in to your Lectern account/);
    assert.match(mailText(mail), /Firefox\/140\.0 on a new laptop/);
  });
});
