// `lectern serve --workers N`: a real CLI process. On PostgreSQL + Redis, two worker processes
// share the port and serve requests, one /metrics scrape counts both, one of them runs the job workers and jobs sent on either
// run, a chat message crosses from a socket on one worker to a socket on the other, a killed
// worker is replaced, and SIGTERM drains every worker and exits 0.
// Everywhere: the refusals (PGlite is one process's database; several processes need Redis).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import pg from 'pg';
import WebSocket from 'ws';

import { resolveWorkerCount } from '../../src/cli/cluster.ts';
import { loadConfig } from '../../src/config.ts';
import type { TestSocket } from '../chat/chat-client.ts';
import { untilJoined, wrap } from '../chat/chat-client.ts';
import { testEnv } from '../helpers/app.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { eventually } from '../helpers/events.ts';
import { STRONG_PASSWORD, uniqueEmail } from '../helpers/factories.ts';
import type { ClusterProcess } from './cluster-process.ts';
import { startCluster } from './cluster-process.ts';

const slow = { timeout: 600_000 };

describe('--workers refusals', slow, () => {
  it('refuses several processes on the embedded PGlite database', slow, async () => {
    const cli = await startCluster(['--workers', '2'], { DATABASE_URL: '', REDIS_URL: '' });
    assert.equal(await cli.exited, 1);
    assert.match(cli.output(), /--workers 2 \(WORKERS\): the embedded PGlite database belongs to one process/);
    await cli.stop();
  });

  it('refuses several processes without REDIS_URL, before touching the database', slow, async () => {
    const cli = await startCluster(['--workers=3'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      REDIS_URL: '',
    });
    assert.equal(await cli.exited, 1);
    assert.match(cli.output(), /--workers 3 \(WORKERS\): chat, live feeds, presence and rate limits .* set REDIS_URL/);
    await cli.stop();
  });

  it('rejects a count that is not a number', slow, async () => {
    const bad = await startCluster(['--workers', 'many'], {});
    assert.equal(await bad.exited, 1);
    assert.match(bad.output(), /WORKERS \(--workers\) must be auto or an integer between 1 and 256 \(got "many"\)/);
    await bad.stop();
  });

  it('auto serves with one process where several cannot work, and says why', () => {
    const env = testEnv({ DATABASE_URL: undefined, REDIS_URL: undefined, WORKERS: 'auto' });
    assert.deepEqual(resolveWorkerCount(loadConfig(env), 8).count, 1);
    assert.match(resolveWorkerCount(loadConfig(env), 8).note ?? '', /one process: the embedded PGlite/);
    const shaped = testEnv({
      DATABASE_URL: 'postgres://x@127.0.0.1/x',
      REDIS_URL: 'redis://127.0.0.1:1',
      WORKERS: 'auto',
    });
    assert.deepEqual(resolveWorkerCount(loadConfig(shaped), 8), { count: 8 });
    assert.deepEqual(resolveWorkerCount(loadConfig(shaped), 1), { count: 1 });
  });
});

const shape = process.env['DATABASE_URL'] && process.env['REDIS_URL'] ? undefined : 'needs PostgreSQL and Redis';

describe('lectern serve --workers 2', { ...slow, skip: shape }, () => {
  let cli: ClusterProcess;
  let dispose = async () => {};
  let databaseUrl: string;
  before(async () => {
    const database = await createTestDatabase();
    await database.handle.close();
    dispose = database.dispose;
    databaseUrl = database.url!;
    cli = await startCluster(['--workers', '2'], {
      DATABASE_URL: database.url,
      REDIS_URL: process.env['REDIS_URL'],
    });
    assert.equal(cli.child.exitCode, null, cli.output());
  }, slow);
  after(async () => {
    await cli?.stop();
    await dispose();
  });

  /** Requests on fresh connections (handed to the workers in turn); the pids that logged them. */
  async function servingPids(requests = 8): Promise<Set<number>> {
    const ids: string[] = Array.from({ length: requests }, () => randomUUID());
    for (const id of ids) {
      const response = await fetch(`${cli.http}/api/v1/health`, {
        headers: { 'x-request-id': id, connection: 'close' },
      });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok' });
    }
    const logged = () => new Set(cli.lines().flatMap((line) => (ids.includes(line.reqId ?? '') ? [line.reqId] : [])));
    await eventually(() => logged().size === ids.length);
    return cli.pidsOf(ids);
  }

  it('serves from two worker processes on one port', slow, async () => {
    const pids = await servingPids();
    assert.equal(pids.size, 2, cli.output());
    assert.ok(!pids.has(cli.child.pid!), 'the primary serves nothing itself');
  });

  it('answers /metrics for every worker in one scrape', slow, async () => {
    const served = async () => {
      const response = await fetch(`${cli.http}/metrics`, { headers: { connection: 'close' } });
      assert.equal(response.status, 200);
      const text = await response.text();
      const line = text
        .split('\n')
        .find((l) =>
          l.startsWith('http_request_duration_seconds_count{method="GET",route="/api/v1/health",status="200"}'),
        );
      return Number(line?.split(' ').pop() ?? 0);
    };
    const before = await served();
    const pids = await servingPids(8);
    assert.equal(pids.size, 2);
    // Whichever worker answers the scrape, it counts the requests both workers served.
    await eventually(async () => (await served()) - before === 8);
  });

  it('runs the job workers in one worker only; jobs sent on either worker run', slow, async () => {
    const listening = cli.lines().filter((line) => line.msg === 'lectern listening');
    assert.equal(listening.length, 2, cli.output());
    assert.deepEqual(listening.map((line) => line['jobs']).sort(), [false, true]);

    // Registrations on fresh connections (both workers) enqueue jobs (domain events, mail).
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = randomUUID();
      ids.push(id);
      const response = await fetch(`${cli.http}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': id, connection: 'close' },
        body: JSON.stringify({ email: uniqueEmail('jobs'), password: STRONG_PASSWORD, full_name: 'Jobs Test' }),
      });
      assert.equal(response.status, 201);
    }
    await eventually(() => cli.pidsOf(ids).size === 2);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const counts = async () =>
        (
          await client.query<{ waiting: number; completed: number }>(
            `select count(*) filter (where state in ('created', 'retry', 'active') and start_after <= now())::int as waiting,
                    count(*) filter (where state = 'completed')::int as completed
               from pgboss.job`,
          )
        ).rows[0]!;
      await eventually(async () => {
        const { waiting, completed } = await counts();
        return waiting === 0 && completed > 0;
      }, 60_000);
    } finally {
      await client.end();
    }
  });

  it('carries a chat message from a socket on one worker to a socket on the other', slow, async () => {
    const register = async () => {
      const response = await fetch(`${cli.http}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: uniqueEmail('workers'), password: STRONG_PASSWORD, full_name: 'Worker Test' }),
      });
      assert.equal(response.status, 201);
      const token = ((await response.json()) as { access_token: string }).access_token;
      const me = await fetch(`${cli.http}/api/v1/users/me`, { headers: { authorization: `Bearer ${token}` } });
      return { id: ((await me.json()) as { id: string }).id, token };
    };
    const alice = await register();
    const bob = await register();
    const created = await fetch(`${cli.http}/api/v1/chat/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.token}` },
      body: JSON.stringify({ name: 'Across workers', member_ids: [bob.id] }),
    });
    assert.equal(created.status, 201);
    const roomId = ((await created.json()) as { id: string }).id;

    const open = async (token: string) => {
      const requestId = randomUUID();
      const ws = new WebSocket(`${cli.ws}/ws?token=${encodeURIComponent(token)}&roomId=${roomId}`, {
        headers: { 'x-request-id': requestId },
      });
      const socket = wrap(ws);
      const joined = untilJoined(ws);
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      await joined;
      await eventually(() => cli.pidsOf([requestId]).size === 1);
      return { socket, pid: [...cli.pidsOf([requestId])][0]! };
    };
    const onAlice = await open(alice.token);
    // Connections go to the workers in turn; open Bob's until one lands on the other worker.
    let onBob: { socket: TestSocket; pid: number } | undefined;
    for (let attempt = 0; attempt < 6 && !onBob; attempt++) {
      const candidate = await open(bob.token);
      if (candidate.pid !== onAlice.pid) onBob = candidate;
      else await candidate.socket.close();
    }
    assert.ok(onBob, 'a socket on the other worker');
    onAlice.socket.send({ type: 'message', content: 'across workers' });
    const received = await onBob.socket.next((frame) => frame.type === 'message' && frame.content === 'across workers');
    assert.equal(received.user_id, alice.id);
    await onAlice.socket.close();
    await onBob.socket.close();
  });

  it('replaces a worker that is killed', slow, async () => {
    const before = await servingPids();
    const [victim] = [...before];
    process.kill(victim!, 'SIGKILL');
    await eventually(
      () => cli.lines().some((line) => line.msg === 'worker died; starting a new one' && line['workerPid'] === victim),
      60_000,
    );
    await eventually(
      () => cli.lines().some((line) => line.msg === 'worker listening' && !before.has(line['workerPid'] as number)),
      240_000,
    );
    const after = await servingPids();
    assert.equal(after.size, 2, cli.output());
    assert.ok(!after.has(victim!), 'the killed worker serves nothing');
  });

  it('drains every worker on SIGTERM and exits 0', slow, async () => {
    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0, cli.output());
    const stopped = cli.lines().filter((line) => line.msg === 'worker stopped');
    assert.equal(stopped.length, 2);
    assert.ok(stopped.every((line) => line['code'] === 0));
  });
});
