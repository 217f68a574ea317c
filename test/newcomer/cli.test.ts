// `lectern seed` and `lectern admin ...` through real processes: exit codes, output, idempotency,
// and what a client then sees over HTTP. Also ADMIN_EMAIL/ADMIN_PASSWORD at start-up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Lectern } from '../../src/app.ts';
import { createLectern } from '../../src/app.ts';
import { DEMO_PASSWORD } from '../../src/cli/seed-data.ts';
import { loadConfig } from '../../src/config.ts';
import { testEnv } from '../helpers/app.ts';
import { logIn } from '../helpers/factories.ts';
import type { CliDatabase } from './cli-process.ts';
import { createCliDatabase } from './cli-process.ts';

const cli: CliDatabase = await createCliDatabase();
after(() => cli.dispose());

/** A Lectern in this process on the CLI's database, to look at the result through HTTP. */
async function withApp<T>(use: (lectern: Lectern) => Promise<T>): Promise<T> {
  const lectern = await createLectern(loadConfig(testEnv({ ...cli.env, LOG_LEVEL: 'silent' })), { work: false });
  try {
    return await use(lectern);
  } finally {
    await lectern.close();
  }
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// Each case starts processes that load the whole application: generous time on a busy machine.
const slow = { timeout: 900_000 };

describe('lectern seed', slow, () => {
  let first: Awaited<ReturnType<CliDatabase['run']>>;
  before(async () => {
    first = await cli.run(['seed']);
  }, slow);

  it('creates the demo set, shows its progress and prints the credentials', () => {
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /course 12\/12 Testing in Practice: created/);
    assert.match(first.stdout, /created 8 users, 4 categories, 12 courses, 10 enrolments, 3 certificates/);
    assert.match(first.stdout, new RegExp(`admin\\s+admin@demo\\.lectern\\.test\\s+${DEMO_PASSWORD}`));
    assert.equal(first.stderr, '');
  });

  it('changes nothing when run again', slow, async () => {
    const again = await cli.run(['seed']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /created 0 users, 0 categories, 0 courses, 0 enrolments, 0 certificates/);
    assert.match(again.stdout, /course 1\/12 TypeScript from Scratch: exists/);
  });

  it('gives a client published courses, enrolments with progress and certificates', slow, async () => {
    await withApp(async (lectern) => {
      const courses = await lectern.app.inject({ method: 'GET', url: '/api/v1/courses?page_size=100' });
      assert.equal(courses.statusCode, 200);
      const titles = (courses.json().items as { title: string }[]).map((c) => c.title);
      assert.equal(titles.length, 12);
      assert.ok(titles.includes('中文入门'));

      const li = await logIn(lectern.app, 'li.lei@demo.lectern.test', DEMO_PASSWORD);
      const certificates = await lectern.app.inject({
        method: 'GET',
        url: '/api/v1/certificates/my-certificates',
        headers: bearer(li.access_token),
      });
      assert.equal(certificates.statusCode, 200);
      assert.equal(certificates.json().total, 1);

      const admin = await logIn(lectern.app, 'admin@demo.lectern.test', DEMO_PASSWORD);
      const me = await lectern.app.inject({
        method: 'GET',
        url: '/api/v1/users/me',
        headers: bearer(admin.access_token),
      });
      assert.equal(me.json().role, 'admin');
    });
  });
});

describe('lectern admin', slow, () => {
  it('refuses a weak password with one sentence and exit code 1', slow, async () => {
    const run = await cli.run(['admin', 'create', 'ops@example.com', '--password', 'short']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /at least 8 characters/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });

  it('creates an admin', slow, async () => {
    const created = await cli.run(['admin', 'create', 'ops@example.com', '--password', 'Operator-Pass-42']);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /created admin ops@example\.com/);
  });

  it('promotes and demotes, resets a password (old one refused, sessions ended) and lists users', slow, async () => {
    const promote = await cli.run(['admin', 'promote', 'amara@demo.lectern.test', '--role', 'instructor']);
    assert.equal(promote.code, 0, promote.stderr);
    assert.match(promote.stdout, /student → instructor/);
    const demote = await cli.run(['admin', 'demote', 'amara@demo.lectern.test']);
    assert.match(demote.stdout, /instructor → student/);

    const reset = await cli.run(['admin', 'reset-password', 'sofia@demo.lectern.test']);
    assert.equal(reset.code, 0, reset.stderr);
    const password = /password: (\S+)/.exec(reset.stdout)?.[1];
    assert.ok(password, reset.stdout);

    const list = await cli.run(['admin', 'list', '--role', 'admin']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /ops@example\.com/);
    assert.match(list.stdout, /admin@demo\.lectern\.test/);
    assert.doesNotMatch(list.stdout, /sofia@/);

    await withApp(async (lectern) => {
      const old = await lectern.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'sofia@demo.lectern.test', password: DEMO_PASSWORD },
      });
      assert.equal(old.statusCode, 401);
      await logIn(lectern.app, 'sofia@demo.lectern.test', password);
      const amara = await logIn(lectern.app, 'amara@demo.lectern.test', DEMO_PASSWORD);
      const me = await lectern.app.inject({
        method: 'GET',
        url: '/api/v1/users/me',
        headers: bearer(amara.access_token),
      });
      assert.equal(me.json().role, 'student');
    });
  });

  it('answers an unknown user with exit code 1 and a wrong call with exit code 2', slow, async () => {
    const missing = await cli.run(['admin', 'promote', 'nobody@example.com']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nobody@example\.com/);
    const wrong = await cli.run(['admin', 'explode']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /Unknown admin action "explode"/);
    const unknown = await cli.run(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Usage: lectern/);
  });
});

describe('ADMIN_EMAIL and ADMIN_PASSWORD', slow, () => {
  it('stop start-up with the list of configuration problems when the password is weak', slow, async () => {
    const run = await cli.run(['serve'], { ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'password' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Invalid configuration:\n {2}- ADMIN_PASSWORD: Password must contain an uppercase letter/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });

  it('promote an existing account and say so in the log', slow, async () => {
    const run = await cli.run(['admin', 'list', '--role', 'admin'], {
      ADMIN_EMAIL: 'grace@demo.lectern.test',
      ADMIN_PASSWORD: 'Another-Pass-77',
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /ADMIN_EMAIL names an existing account: promoted it to admin/);
    assert.match(run.stdout, /admin\s+active\s+grace@demo\.lectern\.test/);
  });
});
