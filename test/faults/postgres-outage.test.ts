// PostgreSQL killed with SIGKILL, and restarted cleanly (fast shutdown + start, as `pg_ctl
// restart` does), under 20 concurrent writers against a real `lectern serve` process: the
// process survives, /ready says `database: down` and requests get a 503 in their surface's
// format meanwhile, it serves again once PostgreSQL is back, the job workers resume, and every
// write it acknowledged is in the database. PostgreSQL here is a cluster of the test's own.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';

import pg from 'pg';

import { STRONG_PASSWORD } from '../helpers/factories.ts';
import { startLecternProcess } from './lectern-process.ts';
import { startPostgres } from './servers.ts';

const postgres = await startPostgres();
const lectern = await startLecternProcess({ DATABASE_URL: postgres.url });
after(async () => {
  await lectern.stop();
  await postgres.stop();
});

const run = randomBytes(4).toString('hex');
const acknowledged = new Set<string>();
const outcomes = new Map<string, number>();

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function instructorToken(): Promise<string> {
  const email = `fault-${run}@example.test`;
  const register = await fetch(`${lectern.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: STRONG_PASSWORD, full_name: 'Fault Writer' }),
  });
  assert.equal(register.status, 201);
  await sql(`update users set role = 'instructor' where email = $1`, [email]);
  const login = await fetch(`${lectern.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: STRONG_PASSWORD }),
  });
  assert.equal(login.status, 200);
  return ((await login.json()) as { access_token: string }).access_token;
}

/** 20 writers creating courses until stopped; a 201 is an acknowledged write. */
function startWriters(token: string) {
  let stopped = false;
  let sequence = 0;
  const writers = Array.from({ length: 20 }, async () => {
    while (!stopped) {
      const title = `fault-${run}-${++sequence}`;
      const status = await fetch(`${lectern.url}/api/v1/courses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ title, description: 'written under faults' }),
      }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      outcomes.set(String(status), (outcomes.get(String(status)) ?? 0) + 1);
      if (status === 201) acknowledged.add(title);
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return {
    async stop() {
      stopped = true;
      await Promise.all(writers);
    },
  };
}

async function until(check: () => Promise<boolean>, what: string): Promise<number> {
  // A generous bound only so a broken recovery fails the test instead of hanging it.
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > 60_000) throw new Error(`gave up waiting: ${what}\n${lectern.output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

const ready = async () => {
  const response = await fetch(`${lectern.url}/api/v1/ready`);
  return { status: response.status, body: (await response.json()) as { database: string } };
};
const acknowledgedMoreThan = (count: number) => async () => acknowledged.size > count;

/** While the database is down, every surface answers 503 in its own format. */
async function checkOutageAnswers(token: string): Promise<void> {
  const down = await ready();
  assert.equal(down.status, 503);
  assert.equal(down.body.database, 'down');
  const auth = { authorization: `Bearer ${token}` };
  const native = await fetch(`${lectern.url}/api/v1/courses`, { headers: auth });
  assert.equal(native.status, 503);
  assert.equal(typeof ((await native.json()) as { detail: unknown }).detail, 'string');
  assert.ok(Number(native.headers.get('retry-after')) >= 1);
  const envelope = await fetch(`${lectern.url}/v1/courses`, { headers: auth });
  assert.equal(envelope.status, 503);
  assert.equal(((await envelope.json()) as { success: boolean }).success, false);
  const services = await fetch(`${lectern.url}/api/courses`, { headers: auth });
  assert.equal(services.status, 503);
  assert.equal(typeof ((await services.json()) as { error: { code: unknown } }).error.code, 'string');
}

describe('PostgreSQL outage', () => {
  it(
    'survives kill -9 and a clean restart under 20 writers, losing no acknowledged write',
    { timeout: 600_000 },
    async (t) => {
      const token = await instructorToken();
      const writers = startWriters(token);
      const recoveries: Record<string, number> = {};
      for (const [label, signal] of [
        ['kill -9', 'SIGKILL'],
        ['clean restart', 'SIGINT'],
      ] as const) {
        await until(acknowledgedMoreThan(acknowledged.size + 100), `writes before ${label}`);
        await postgres.kill(signal);
        await until(async () => (await ready()).status === 503, `ready 503 after ${label}`);
        await checkOutageAnswers(token);
        assert.equal(lectern.child.exitCode, null, `still running after ${label}`);
        await postgres.restart();
        recoveries[label] = await until(async () => (await ready()).status === 200, `ready again after ${label}`);
        const before = acknowledged.size;
        await until(acknowledgedMoreThan(before + 100), `writes acknowledged again after ${label}`);
      }
      await writers.stop();
      assert.equal(lectern.child.exitCode, null, 'the process survived both outages');

      const stored = new Set(
        (await sql<{ title: string }>(`select title from courses where title like $1`, [`fault-${run}-%`])).map(
          (row) => row.title,
        ),
      );
      const lost = [...acknowledged].filter((title) => !stored.has(title));
      t.diagnostic(
        `acknowledged ${acknowledged.size}, stored ${stored.size}, lost ${lost.length}; answers ${JSON.stringify(Object.fromEntries(outcomes))}; ready again after (ms, loaded machine) ${JSON.stringify(recoveries)}`,
      );
      assert.deepEqual(lost, []);

      // The job workers resumed: jobs sent after the outages are worked off.
      const since = new Date();
      const fresh = await fetch(`${lectern.url}/api/v1/courses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: `fault-${run}-after`, description: 'after the outages' }),
      });
      assert.equal(fresh.status, 201);
      await until(async () => {
        const [row] = await sql<{ done: number; open: number }>(
          `select count(*) filter (where state = 'completed')::int as done,
                count(*) filter (where state in ('created', 'retry', 'active'))::int as open
           from pgboss.job where created_on >= $1`,
          [since],
        );
        return (row?.done ?? 0) > 0 && row?.open === 0;
      }, 'jobs sent after the outages completed');
    },
  );
});
