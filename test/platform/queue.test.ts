// The job queue on the application database: outbox semantics and retries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();

describe('job queue', () => {
  it('runs a job sent inside a committed transaction and drops one from a rolled-back transaction', async () => {
    const committed = await createUser(lectern);
    await lectern.queue.settle();
    const mails = await lectern.database.db.selectFrom('outbox_messages').select('recipient').execute();
    assert.ok(mails.some((m) => m.recipient === committed.email));

    const rolledBack = `rollback-${Date.now()}@example.test`;
    await lectern.database
      .transaction(async (tx) => {
        await lectern.queue.send('mail.deliver', { to: rolledBack, subject: 's', text: 't' }, { tx });
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
    for (const to of recipients) await lectern.queue.send('mail.deliver', { to, subject: 'bulk', text: 'x' });
    await lectern.queue.settle();
    const rows = await lectern.database.db
      .selectFrom('outbox_messages')
      .select('recipient')
      .where('subject', '=', 'bulk')
      .execute();
    assert.equal(rows.length, 25);
  });
});
