// Notifications queued and delivered per second: (a) POST /api/notify/send (render, preferences,
// one row + one queue job in a transaction, 202), then the pg-boss worker sends each over SMTP and
// records the outcome; timed from the first request until a local SMTP server has every mail.
// Beside (b) raw nodemailer sends of the same rendered mails to the same server in the same run,
// the honest baseline: what delivery costs without Lectern. Prints a/b.
// BENCH_SECONDS (default 8) of submitting per phase; BENCH_DATABASES=postgres,pglite.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';

import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { testEnv } from '../test/helpers/app.ts';
import { BENCH_SECONDS, openBenchDatabase, reportSummary } from './harness.ts';

const CONCURRENCY = Number(process.env['BENCH_CONNECTIONS'] ?? 20);
const kinds = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];
const DATA = { user_name: 'Bench Student', activation_link: 'https://lectern.example/activate/abc' };

const smtp = await startCountingSmtp();

for (const kind of kinds) {
  const { database, drop } = await openBenchDatabase(kind, 'notifications');
  const env = testEnv({
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    SMTP_URL: smtp.url,
    ACCESS_TOKEN_TTL_SECONDS: '86400',
  });
  const lectern = await createLectern(loadConfig(env), { database });
  const headers = await adminHeaders(lectern);

  // (a) through Lectern: submit for BENCH_SECONDS, then wait for the last mail.
  const before = smtp.count;
  let submitted = 0;
  const started = performance.now();
  await forSeconds(BENCH_SECONDS, async () => {
    const n = submitted++;
    const response = await lectern.app.inject({
      method: 'POST',
      url: '/api/notify/send',
      headers,
      payload: { channel: 'email', recipient: `bench-${n}@example.test`, template: 'welcome_email', data: DATA },
    });
    if (response.statusCode !== 202) throw new Error(`notify/send answered ${response.statusCode}: ${response.body}`);
  });
  const submitSeconds = (performance.now() - started) / 1000;
  await smtp.waitFor(before + submitted);
  const lecternSeconds = (performance.now() - started) / 1000;
  const lecternRate = submitted / lecternSeconds;

  // (b) raw nodemailer: the same rendered mail, the same server, the same concurrency.
  const preview = await lectern.app.inject({
    method: 'POST',
    url: '/api/notify/preview',
    headers,
    payload: { channel: 'email', template: 'welcome_email', data: DATA },
  });
  const mail = preview.json() as { subject: string; html: string; text: string };
  const transport = nodemailer.createTransport(smtp.url);
  let sent = 0;
  const rawStarted = performance.now();
  await forSeconds(BENCH_SECONDS, async () => {
    const n = sent++;
    await transport.sendMail({
      from: 'Lectern <no-reply@lectern.local>',
      to: `raw-${n}@example.test`,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
  });
  const rawRate = sent / ((performance.now() - rawStarted) / 1000);

  console.log(`\n${kind}, ${CONCURRENCY} concurrent senders, ${BENCH_SECONDS} s per phase`);
  console.log(
    `(a) notify/send → queue → SMTP: ${submitted} mails, submitted in ${submitSeconds.toFixed(1)} s, all delivered after ${lecternSeconds.toFixed(1)} s = ${lecternRate.toFixed(0)} mails/s`,
  );
  console.log(`(b) raw nodemailer sendMail:     ${sent} mails = ${rawRate.toFixed(0)} mails/s`);
  console.log(`a/b = ${(lecternRate / rawRate).toFixed(3)}`);
  reportSummary({
    workload: `notifications to SMTP (${kind})`,
    lectern: Math.round(lecternRate),
    baseline: Math.round(rawRate),
    unit: 'mails/s',
    ratio: lecternRate / rawRate,
    goal: '—',
  });

  transport.close();
  await lectern.close();
  await drop();
}
await smtp.close();

/** Runs `task` from CONCURRENCY loops until `seconds` have passed, then waits for the running ones. */
async function forSeconds(seconds: number, task: () => Promise<void>): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) await task();
    }),
  );
}

async function adminHeaders(lectern: Awaited<ReturnType<typeof createLectern>>) {
  const email = `bench-admin-${Date.now()}@example.test`;
  const password = 'Bench-Pass-2026';
  const register = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password, full_name: 'Bench Admin' },
  });
  if (register.statusCode !== 201) throw new Error(`register: ${register.body}`);
  await lectern.database.db.updateTable('users').set({ role: 'admin' }).where('email', '=', email).execute();
  const login = await lectern.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  return { authorization: `Bearer ${login.json().access_token}` };
}

/** An SMTP server on loopback that only counts the mails it accepts. */
async function startCountingSmtp() {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        count++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get count() {
      return count;
    },
    async waitFor(total: number) {
      while (count < total) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
