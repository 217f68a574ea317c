// A PostgreSQL restart in the middle of delivery does not send a mail twice (issue 13: 2 of 5
// password-reset mails went out twice). The database is a cluster of the test's own on a spare
// port; the SMTP server holds the DATA of a reset mail while the database goes away:
// - the first held mail: PostgreSQL is killed and restarted before the mail is accepted, so the
//   job records its outcome over connections that died under it;
// - the second: PostgreSQL is killed, the mail accepted while it is down, and it comes back
//   only once the job has tried (and failed) to record the send.
// 5 resets → exactly 5 reset mails, each notification `sent`, no delivery job waiting or failed.
// PostgreSQL only: skipped on PGlite.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';

import pg from 'pg';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';

import { createLectern } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/platform/db/index.ts';
import { testEnv } from '../helpers/app.ts';
import { STRONG_PASSWORD } from '../helpers/factories.ts';
import { startPostgres } from './servers.ts';

const RESETS = 5;
const RESET_SUBJECT = /Subject: Reset your Lectern password/;

/** An SMTP server that can hold a reset mail's DATA (the client waits for the answer) until released. */
async function startHoldingSmtp() {
  const accepted: string[] = [];
  let holdsLeft = 0;
  const waiting: ((held: { raw: string; release(): void }) => void)[] = [];
  const heldQueue: { raw: string; release(): void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const accept = () => {
          accepted.push(raw);
          callback();
        };
        if (holdsLeft > 0 && RESET_SUBJECT.test(raw)) {
          holdsLeft -= 1;
          const held = { raw, release: accept };
          const waiter = waiting.shift();
          if (waiter) waiter(held);
          else heldQueue.push(held);
        } else accept();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    /** Holds the next `count` reset mails. */
    hold(count: number) {
      holdsLeft = count;
    },
    nextHeld(): Promise<{ raw: string; release(): void }> {
      const ready = heldQueue.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `promise`, or an error naming `what` after `ms`: a lost wait fails the test with its reason instead of hanging it. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms / 1000} s: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` (its errors count as "not yet"); `invariant` may fail the test at once. */
async function until(
  check: () => Promise<boolean>,
  what: string,
  invariant: () => void = () => undefined,
  explain: () => Promise<string> = async () => '',
) {
  // A generous bound only so a broken recovery fails the test instead of hanging it.
  const deadline = Date.now() + 120_000;
  for (;;) {
    invariant();
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting: ${what} ${await explain().catch((error: unknown) => String(error))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const onPostgres = Boolean(process.env['DATABASE_URL']);

describe('PostgreSQL restart during mail delivery', { skip: !onPostgres && 'PostgreSQL only' }, () => {
  it(
    `${RESETS} password resets across two database restarts → exactly ${RESETS} mails`,
    { timeout: 300_000 },
    async () => {
      const postgres = await startPostgres();
      const smtp = await startHoldingSmtp();
      const admin = new pg.Client({ connectionString: postgres.url });
      await admin.connect();
      await admin.query('create database lectern');
      await admin.end();
      const url = postgres.url.replace(/\/postgres$/, '/lectern');

      const logLines: string[] = [];
      const logger = pino(
        { level: 'warn' },
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            logLines.push(chunk.toString('utf8'));
            done();
          },
        }),
      );
      const env = testEnv({ DATABASE_URL: url, SMTP_URL: smtp.url, REDIS_URL: undefined });
      const database = await createDatabase({ kind: 'postgres', url, poolSize: 5 });
      const lectern = await createLectern(loadConfig(env), { database, logger });
      // Our own view of the database, reconnecting after each restart.
      const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
        const client = new pg.Client({ connectionString: url });
        client.on('error', () => undefined);
        await client.connect();
        try {
          return (await client.query<T>(text, values)).rows;
        } finally {
          await client.end().catch(() => undefined);
        }
      };
      try {
        const emails = Array.from(
          { length: RESETS },
          (_, i) => `reset-${i}-${randomBytes(4).toString('hex')}@example.test`,
        );
        for (const email of emails) {
          const response = await lectern.app.inject({
            method: 'POST',
            url: '/api/v1/auth/register',
            payload: { email, password: STRONG_PASSWORD, full_name: 'Restart Test' },
          });
          assert.equal(response.statusCode, 201, response.body);
        }
        await lectern.queue.settle();
        await until(async () => smtp.accepted.length === RESETS, 'the welcome mails');

        smtp.hold(2);
        for (const email of emails) {
          const response = await lectern.app.inject({
            method: 'POST',
            url: '/api/v1/auth/password-reset/request',
            payload: { email },
          });
          assert.equal(response.statusCode, 202);
        }

        // Restart while the first mail's DATA is held, then accept it.
        const first = await within(60_000, smtp.nextHeld(), 'the first held reset mail');
        await postgres.kill('SIGKILL');
        await postgres.restart();
        first.release();

        // Kill while the second is held, accept it with the database down, restart once the job
        // has failed to record the send.
        const second = await within(120_000, smtp.nextHeld(), 'the second held reset mail');
        await postgres.kill('SIGKILL');
        // The job noticed: it retries recording the send, or (were the outcome not recorded) its
        // failure is logged by the queue.
        const noticed = (line: string) =>
          line.includes('could not record a sent notification') ||
          (line.includes('job failed') && line.includes('notifications.deliver'));
        const warningsBefore = logLines.filter(noticed).length;
        second.release();
        await until(
          async () => logLines.filter(noticed).length > warningsBefore,
          'the job trying to record the send while the database is down',
        );
        await postgres.restart();

        const resetRecipients = () =>
          smtp.accepted.filter((raw) => RESET_SUBJECT.test(raw)).map((raw) => /^To: (\S+)/m.exec(raw)?.[1]);
        // A job whose completion was being written when PostgreSQL died stays `active` until the
        // queue's expiry (5 minutes) and then runs again, finding its notification `sent` and
        // sending nothing. So: every notification sent, and no job left that is waiting to run or
        // has failed; an `active` job is allowed only with its notification already sent.
        await until(
          async () => {
            const [row] = await query<{ sent: number; waiting: number }>(
              `select (select count(*)::int from notifications where template = 'password_reset' and status = 'sent') as sent,
                  (select count(*)::int from pgboss.job where name = 'notifications.deliver'
                     and state not in ('completed', 'active')) as waiting`,
            );
            return row?.sent === RESETS && row.waiting === 0;
          },
          'every reset notification sent and no delivery job waiting or failed',
          () => assert.equal(new Set(resetRecipients()).size, resetRecipients().length, 'a reset mail went out twice'),
          async () =>
            JSON.stringify({
              notifications: await query(
                `select status, attempts, last_error from notifications where template = 'password_reset'`,
              ),
              jobs: await query(
                `select state, retry_count, started_on, output from pgboss.job where name = 'notifications.deliver'`,
              ),
              mails: resetRecipients().length,
            }),
        );

        const recipients = resetRecipients().sort();
        assert.deepEqual(recipients, [...emails].sort(), 'one reset mail per account, none twice');
        const resets = smtp.accepted.filter((raw) => RESET_SUBJECT.test(raw));
        const messageIds = new Set(resets.map((raw) => /^Message-ID: (\S+)/im.exec(raw)?.[1]));
        assert.equal(messageIds.size, RESETS);
        const rows = await query<{ id: string; status: string }>(
          `select id, status from notifications where template = 'password_reset'`,
        );
        assert.equal(rows.length, RESETS);
        for (const row of rows) assert.ok([...messageIds].some((id) => id?.startsWith(`<${row.id}@`)));
      } finally {
        // Each bounded, so a hang here cannot mask the error that ended the test body.
        await within(30_000, lectern.close(), 'closing Lectern').catch((error: unknown) => console.error(error));
        await within(30_000, smtp.close(), 'closing the SMTP server').catch((error: unknown) => console.error(error));
        await postgres.stop();
        rmSync(env['DATA_DIR']!, { recursive: true, force: true });
      }
    },
  );
});
