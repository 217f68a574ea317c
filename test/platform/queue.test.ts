// The job queue on the application database: outbox semantics and retries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sql } from 'kysely';

import { createLectern } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/platform/db/index.ts';
import { startTestApp, testEnv } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';

// A job for the batch test: counts its runs per key; a key in `failOnce` fails its first run.
// `test.outbox` writes a message to the dev outbox, where the tests see that it ran.
const runs = new Map<string, number>();
const failOnce = new Set<string>();
const lectern = await startTestApp(
  {},
  {
    beforeStart: ({ queue, platform }) => {
      queue.define<{ to: string; subject: string; text: string }>({
        name: 'test.outbox',
        retryLimit: 3,
        retryDelaySeconds: 1,
        async handle({ to, subject, text }) {
          await platform.outbox.add({ channel: 'email', recipient: to, subject, body_text: text, body_html: null });
        },
      });
      queue.define<{ key: string }>({
        name: 'test.counted',
        retryLimit: 3,
        retryDelaySeconds: 1,
        async handle({ key }) {
          runs.set(key, (runs.get(key) ?? 0) + 1);
          if (failOnce.delete(key)) throw new Error(`${key} fails its first run`);
        },
      });
    },
  },
);

describe('job queue', () => {
  it('runs a job sent inside a committed transaction and drops one from a rolled-back transaction', async () => {
    const committed = await createUser(lectern);
    await lectern.queue.settle();
    const mails = await lectern.database.db.selectFrom('outbox_messages').select('recipient').execute();
    assert.ok(mails.some((m) => m.recipient === committed.email));

    const rolledBack = `rollback-${Date.now()}@example.test`;
    await lectern.database
      .transaction(async (tx) => {
        await lectern.queue.send('test.outbox', { to: rolledBack, subject: 's', text: 't' }, { tx });
        throw new Error('abort');
      })
      .catch(() => undefined);
    await lectern.queue.settle();
    const after = await lectern.database.db
      .selectFrom('outbox_messages')
      .select('recipient')
      .where('recipient', '=', rolledBack)
      .execute();
    assert.equal(after.length, 0);
  });

  it('settles only when every queued job has run', async () => {
    const recipients = Array.from({ length: 25 }, (_, i) => `bulk-${i}-${Date.now()}@example.test`);
    for (const to of recipients) await lectern.queue.send('test.outbox', { to, subject: 'bulk', text: 'x' });
    await lectern.queue.settle();
    const rows = await lectern.database.db
      .selectFrom('outbox_messages')
      .select('recipient')
      .where('subject', '=', 'bulk')
      .execute();
    assert.equal(rows.length, 25);
  });

  it('retries a failed job of a batch alone: the jobs that succeeded with it run once', async () => {
    // Both due at the same moment, so one fetch takes them together, the good one first.
    const dueAt = new Date(Date.now() + 1000);
    await lectern.queue.send('test.counted', { key: 'good' }, { startAfter: dueAt });
    failOnce.add('bad');
    await lectern.queue.send('test.counted', { key: 'bad' }, { startAfter: dueAt });
    // settle() does not wait for retries due later, so wait until both jobs have completed.
    const deadline = Date.now() + 20_000;
    const open = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from pgboss.job
          where name = 'test.counted' and state <> 'completed'`.execute(lectern.database.db)
      ).rows[0]!.n;
    while ((await open()) > 0) {
      if (Date.now() > deadline) throw new Error('the jobs did not complete');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(runs.get('bad'), 2);
    assert.equal(runs.get('good'), 1);
  });

  it(
    'runs a job sent by a process that runs no jobs (PostgreSQL: every queue wakes its workers by NOTIFY)',
    {
      skip: lectern.database.url ? false : 'PostgreSQL only: PGlite is one process',
    },
    async () => {
      const quiet = await sql<{
        name: string;
      }>`select name from pgboss.queue where not notify and not starts_with(name, '__pgboss__')`.execute(
        lectern.database.db,
      );
      assert.deepEqual(quiet.rows, []);
      const database = await createDatabase({ kind: 'postgres', url: lectern.database.url!, poolSize: 2 });
      const sender = await createLectern(loadConfig(testEnv({ LOG_LEVEL: 'silent' })), {
        database,
        work: false,
        beforeStart: ({ queue }) =>
          queue.define<{ key: string }>({ name: 'test.counted', handle: () => Promise.reject(new Error('not here')) }),
      });
      try {
        await sender.database.transaction((tx) => sender.queue.send('test.counted', { key: 'remote' }, { tx }));
        // No settle(): nothing in this process wakes the worker; the other process's NOTIFY does.
        const deadline = Date.now() + 20_000;
        while (runs.get('remote') !== 1) {
          if (Date.now() > deadline) throw new Error('the job sent by the other process did not run');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await sender.close(); // closes `database` too
      }
    },
  );
});
