import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast, createUser } from '../helpers/factories.ts';
import { readPdfPages } from '../helpers/pdf.ts';
import { completeCourse, completeLesson, enrol, makeCourse } from './learning-helpers.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern, {
  studentAName: 'Ada Lovelace',
});

const inject = (
  user: TestUser | undefined,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) =>
  lectern.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(user?.auth ?? {}), ...headers },
    ...(payload ? { payload } : {}),
  });
const generate = (user: TestUser, enrollmentId: string) =>
  inject(user, 'POST', '/certificates/generate', { enrollment_id: enrollmentId });
const db = lectern.database.db;
const year = () => lectern.clock.now().getUTCFullYear();

async function storedPdf(certificateId: string): Promise<Buffer> {
  const row = await db
    .selectFrom('certificates')
    .select('pdf_key')
    .where('id', '=', certificateId)
    .executeTakeFirstOrThrow();
  const chunks: Buffer[] = [];
  for await (const chunk of await lectern.platform.storage.get(row.pdf_key!)) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

const course = await makeCourse(lectern, owner, { lessons: 2, hasCertificate: true });
const courseTitle = (
  await db.selectFrom('courses').select('title').where('id', '=', course.id).executeTakeFirstOrThrow()
).title;

describe('issuing certificates', () => {
  it('refuses an unfinished enrolment and a course without certificates', async () => {
    const student = await createUser(lectern);
    const enrollment = await enrol(lectern, student, course.id);
    await completeLesson(lectern, student, enrollment.id, course.lessonIds[0]!);
    const unfinished = await generate(student, enrollment.id);
    assert.equal(unfinished.statusCode, 409);
    assert.match(unfinished.json().detail, /completed/);

    const plain = await makeCourse(lectern, owner, { lessons: 1, hasCertificate: false });
    const done = await completeCourse(lectern, student, plain);
    assert.equal((await generate(student, done)).statusCode, 409);
    assert.equal(
      (await db.selectFrom('certificates').select('id').where('user_id', '=', student.id).execute()).length,
      0,
    );
  });

  it('issues CERT-YYYY-NNNNNN with snapshots, once, and renders the PDF by job', async () => {
    const enrollmentId = await completeCourse(lectern, studentA, course);
    assert.equal((await generate(studentB, enrollmentId)).statusCode, 404);
    assert.equal((await generate(otherInstructor, enrollmentId)).statusCode, 404);
    assert.equal((await generate(owner, enrollmentId)).statusCode, 404);
    const response = await generate(studentA, enrollmentId);
    assert.equal(response.statusCode, 201, response.body);
    const certificate = response.json();
    assert.match(certificate.certificate_number, new RegExp(`^CERT-${year()}-\\d{6}$`));
    assert.equal(certificate.enrollment_id, enrollmentId);
    assert.equal(certificate.course_title, courseTitle);
    assert.equal(certificate.student_name, 'Ada Lovelace');
    assert.match(certificate.issued_at, /Z$/);
    assert.equal(
      certificate.verification_url,
      `http://lectern.test/api/v1/certificates/verify/${certificate.verification_code}`,
    );

    // Snapshots survive later renames.
    await lectern.app.inject({
      method: 'PATCH',
      url: '/api/v1/users/me',
      headers: studentA.auth,
      payload: { full_name: 'Ada King' },
    });
    const again = await generate(studentA, enrollmentId);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, certificate.id);
    assert.equal(again.json().student_name, 'Ada Lovelace');

    await lectern.queue.settle();
    const ready = await inject(studentA, 'GET', `/certificates/${certificate.id}`);
    assert.equal(ready.json().pdf_ready, true);
    const download = await inject(studentA, 'GET', `/certificates/${certificate.id}/download`);
    assert.equal(download.statusCode, 302);
    const location = new URL(String(download.headers.location));
    assert.ok(location.pathname.endsWith(`/certificates/${certificate.id}.pdf`), location.pathname);
    assert.ok(location.search.length > 1, 'the link is signed');
    const pdf = await storedPdf(certificate.id);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const [page] = await readPdfPages(pdf);
    const text = page!.lines.map((line) => line.text);
    assert.ok(text.includes('Certificate of Completion'), text.join(' | '));
    assert.ok(text.includes('Ada Lovelace'), 'the snapshot name, not the later one');
    assert.ok(text.includes(`Certificate number ${certificate.certificate_number}`));
  });

  it('renders names and titles in any script with embedded fonts, centred', async () => {
    const name = '李雷 Łukasz Żółć Дмитрий';
    const title = 'Гитара для начинающих: 吉他入门';
    const student = await createUser(lectern, { fullName: name });
    const unicodeCourse = await makeCourse(lectern, owner, { lessons: 1, hasCertificate: true });
    const renamed = await lectern.app.inject({
      method: 'PATCH',
      url: `/api/v1/courses/${unicodeCourse.id}`,
      headers: owner.auth,
      payload: { title },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    const enrollmentId = await completeCourse(lectern, student, unicodeCourse);
    const certificate = (await generate(student, enrollmentId)).json();
    await lectern.queue.settle();

    const pdf = await storedPdf(certificate.id);
    const [page] = await readPdfPages(pdf);
    const nameLine = page!.lines.find((line) => line.text === name);
    assert.ok(nameLine, `the name reads back: ${page!.lines.map((line) => line.text).join(' | ')}`);
    assert.ok(
      page!.lines.some((line) => line.text === title),
      'the course title reads back',
    );
    const centre = (nameLine.left + nameLine.right) / 2;
    assert.ok(Math.abs(centre - page!.width / 2) < 1, `centred: ${centre} vs ${page!.width / 2}`);
    // Fonts are embedded (TrueType for Latin/Cyrillic, CFF for Han); no unembedded standard font.
    assert.ok(pdf.includes(Buffer.from('/FontFile2')) && pdf.includes(Buffer.from('/FontFile3')));
    assert.ok(!pdf.includes(Buffer.from('/Helvetica')), 'no unembedded Helvetica');
  });

  it('answers 409 on download until the PDF exists', async () => {
    const student = await createUser(lectern);
    const enrollmentId = await completeCourse(lectern, student, course);
    const certificate = (await generate(student, enrollmentId)).json();
    await lectern.queue.settle();
    await db
      .updateTable('certificates')
      .set({ pdf_key: null, pdf_ready_at: null })
      .where('id', '=', certificate.id)
      .execute();
    const pending = await inject(student, 'GET', `/certificates/${certificate.id}/download`);
    assert.equal(pending.statusCode, 409);
  });

  it('concurrent requests for one enrolment give one certificate', async () => {
    const student = await createUser(lectern);
    const enrollmentId = await completeCourse(lectern, student, course);
    const responses = await Promise.all(Array.from({ length: 8 }, () => generate(student, enrollmentId)));
    const statuses = responses.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 201]);
    assert.equal(new Set(responses.map((r) => r.json().id)).size, 1);
    const rows = await db.selectFrom('certificates').select('id').where('enrollment_id', '=', enrollmentId).execute();
    assert.equal(rows.length, 1);
  });

  it('numbers are gap-free within the year, also under concurrency', async () => {
    const students = await Promise.all(Array.from({ length: 5 }, () => createUser(lectern)));
    const enrollments: string[] = [];
    for (const student of students) enrollments.push(await completeCourse(lectern, student, course));
    const responses = await Promise.all(students.map((s, i) => generate(s, enrollments[i]!)));
    assert.ok(responses.every((r) => r.statusCode === 201));
    const all = await db.selectFrom('certificates').select('certificate_number').execute();
    const numbers = all.map((c) => Number(c.certificate_number.slice(-6))).sort((a, b) => a - b);
    assert.deepEqual(
      numbers,
      Array.from({ length: numbers.length }, (_, i) => i + 1),
    );
    const counter = await db
      .selectFrom('certificate_counters')
      .selectAll()
      .where('year', '=', year())
      .executeTakeFirstOrThrow();
    assert.equal(counter.last_number, numbers.length);
  });
});

describe('reading, verifying and revoking', () => {
  it('GET /certificates/{id} and download: holder, course staff, admin; others 404', async () => {
    const student = await createUser(lectern);
    const certificate = (await generate(student, await completeCourse(lectern, student, course))).json();
    await lectern.queue.settle();
    for (const [user, status] of [
      [student, 200],
      [owner, 200],
      [admin, 200],
      [studentB, 404],
      [otherInstructor, 404],
    ] as const) {
      assert.equal((await inject(user, 'GET', `/certificates/${certificate.id}`)).statusCode, status);
      assert.equal(
        (await inject(user, 'GET', `/certificates/${certificate.id}/download`)).statusCode,
        status === 200 ? 302 : 404,
      );
    }
    assert.equal((await inject(undefined, 'GET', `/certificates/${certificate.id}`)).statusCode, 401);
    assert.equal((await inject(student, 'GET', `/certificates/${randomUUID()}`)).statusCode, 404);
  });

  it('lists my certificates only', async () => {
    const student = await createUser(lectern);
    const certificate = (await generate(student, await completeCourse(lectern, student, course))).json();
    const mine = await inject(student, 'GET', '/certificates/my-certificates');
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(
      mine.json().items.map((c: { id: string }) => c.id),
      [certificate.id],
    );
    assert.equal(mine.json().total, 1);
    const others = (await inject(studentB, 'GET', '/certificates/my-certificates')).json();
    assert.equal(
      others.items.some((c: { id: string }) => c.id === certificate.id),
      false,
    );
  });

  it('verifies publicly (JSON and HTML) and shows revocation; only admins revoke', async () => {
    const student = await createUser(lectern, { fullName: 'Grace Hopper' });
    const certificate = (await generate(student, await completeCourse(lectern, student, course))).json();
    const url = `/certificates/verify/${certificate.verification_code}`;
    const valid = await inject(undefined, 'GET', url);
    assert.equal(valid.statusCode, 200);
    assert.deepEqual(
      { ...(valid.json() as Record<string, unknown>), issued_at: undefined },
      {
        valid: true,
        status: 'valid',
        certificate_number: certificate.certificate_number,
        holder_name: 'Grace Hopper',
        course_title: courseTitle,
        issued_at: undefined,
        revoked_at: null,
      },
    );
    const html = await inject(undefined, 'GET', url, undefined, { accept: 'text/html,application/xhtml+xml' });
    assert.equal(html.statusCode, 200);
    assert.match(String(html.headers['content-type']), /^text\/html/);
    assert.match(html.body, /Valid certificate/);
    assert.match(html.body, /Grace Hopper/);
    assert.equal((await inject(undefined, 'GET', '/certificates/verify/no-such-code')).statusCode, 404);

    for (const user of [student, studentB, owner, otherInstructor]) {
      assert.equal(
        (await inject(user, 'POST', `/certificates/${certificate.id}/revoke`, { reason: 'x' })).statusCode,
        403,
      );
    }
    const revoked = await inject(admin, 'POST', `/certificates/${certificate.id}/revoke`, {
      reason: 'Academic misconduct',
    });
    assert.equal(revoked.statusCode, 200);
    assert.ok(revoked.json().revoked_at);
    assert.equal(revoked.json().revoke_reason, 'Academic misconduct');
    assert.equal((await inject(admin, 'POST', `/certificates/${certificate.id}/revoke`, {})).statusCode, 409);
    const check = (await inject(undefined, 'GET', url)).json();
    assert.equal(check.valid, false);
    assert.equal(check.status, 'revoked');
    assert.ok(check.revoked_at);
    assert.match((await inject(undefined, 'GET', url, undefined, { accept: 'text/html' })).body, /Revoked certificate/);
  });
});

describe('numbering across years', () => {
  it('starts again at 000001 in a new year', async () => {
    // Runs last: tokens issued before the jump would have expired.
    const nextYear = year() + 1;
    lectern.clock.set(new Date(Date.UTC(nextYear, 0, 1, 0, 5)));
    const instructor = await createUser(lectern, { role: 'instructor' });
    const student = await createUser(lectern);
    const newCourse = await makeCourse(lectern, instructor, { lessons: 1, hasCertificate: true });
    const certificate = (await generate(student, await completeCourse(lectern, student, newCourse))).json();
    assert.equal(certificate.certificate_number, `CERT-${nextYear}-000001`);
  });
});
