// Mail leaves through the queue (as a notification) over real SMTP when SMTP_URL is set.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { startSmtpServer } from '../helpers/smtp.ts';

const smtp = await startSmtpServer();
const lectern = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Lectern <no-reply@lectern.test>' });

describe('mail over SMTP', () => {
  it('delivers the welcome mail to a real SMTP server through a queue job, not the outbox', async () => {
    const user = await createUser(lectern, { fullName: 'Mary Shelley' });
    await lectern.queue.settle();
    const [mail] = await smtp.waitFor(1);
    assert.deepEqual(mail!.to, [user.email]);
    assert.equal(mail!.from, 'no-reply@lectern.test');
    assert.match(mail!.raw, /Subject: Welcome to Lectern/);
    assert.match(mail!.raw, /Welcome Mary Shelley!/);
    const outbox = await lectern.database.db.selectFrom('outbox_messages').selectAll().execute();
    assert.equal(outbox.length, 0);
  });

  it('enqueues mail inside the business transaction: a failed registration sends nothing', async () => {
    const before = smtp.messages.length;
    const user = await createUser(lectern);
    await lectern.queue.settle();
    const duplicate = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: user.email, password: user.password, full_name: 'Again' },
    });
    assert.equal(duplicate.statusCode, 409);
    await lectern.queue.settle();
    assert.equal(smtp.messages.length, before + 1);
  });
});
