// The production shape: two Lectern processes (`lectern serve` as child processes on their own
// ports) on one PostgreSQL database and one Redis. A message sent to one reaches a socket held
// by the other, presence is shared, and a killed process leaves no user online once its
// presence entries expire (three heartbeats). PostgreSQL + Redis only: PGlite is one process's.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import { sparePort } from '../faults/servers.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { eventually } from '../helpers/events.ts';
import { STRONG_PASSWORD, uniqueEmail } from '../helpers/factories.ts';
import { connect } from './chat-client.ts';

const shape = process.env['DATABASE_URL'] && process.env['REDIS_URL'] ? undefined : 'needs PostgreSQL and Redis';

interface Process {
  http: string;
  ws: string;
  child: ChildProcess;
  stderr: string[];
}

describe('two Lectern processes', { skip: shape }, async () => {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-two-'));
  const { NODE_TEST_CONTEXT: _runner, ...inherited } = process.env;
  const shared = {
    ...inherited,
    DATABASE_URL: database.url,
    REDIS_URL: process.env['REDIS_URL'],
    REDIS_KEY_PREFIX: `lectern-two-${randomBytes(4).toString('hex')}:`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL: 'http://lectern.test',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    CHAT_HEARTBEAT_SECONDS: '1',
    RATE_LIMIT_AUTH_PER_MINUTE: '100000',
    RATE_LIMIT_API_PER_HOUR: '1000000',
  };
  const processes: Process[] = [];
  after(async () => {
    for (const p of processes) p.child.kill('SIGKILL');
    await database.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(name: string): Promise<Process> {
    const port = await sparePort();
    const child = spawn(process.execPath, ['src/main.ts', 'serve'], {
      env: { ...shared, PORT: String(port), DATA_DIR: join(dataDir, name) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(String(chunk)));
    const started: Process = { http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}`, child, stderr };
    processes.push(started);
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited: ${stderr.join('')}`);
      return fetch(`${started.http}/api/v1/ready`).then(
        (response) => response.ok,
        () => false,
      );
    }, 120_000);
    return started;
  }

  const [one, two] = await Promise.all([start('one'), start('two')]);

  async function register(on: Process) {
    const email = uniqueEmail('two');
    const response = await fetch(`${on.http}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: STRONG_PASSWORD, full_name: `User ${email.slice(0, 12)}` }),
    });
    assert.equal(response.status, 201, await response.clone().text());
    const token = ((await response.json()) as { access_token: string }).access_token;
    const me = await fetch(`${on.http}/api/v1/users/me`, { headers: { authorization: `Bearer ${token}` } });
    return { id: ((await me.json()) as { id: string }).id, token };
  }
  const alice = await register(one);
  const bob = await register(two);
  const created = await fetch(`${one.http}/api/v1/chat/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.token}` },
    body: JSON.stringify({ name: 'Across processes', member_ids: [bob.id] }),
  });
  assert.equal(created.status, 201);
  const roomId = ((await created.json()) as { id: string }).id;
  const presenceOf = async (on: Process, userId: string) => {
    const response = await fetch(`${on.http}/api/chats/presence/${userId}`, {
      headers: { authorization: `Bearer ${alice.token}` },
    });
    assert.equal(response.status, 200);
    return (await response.json()) as { online: boolean };
  };

  it('carries a message sent on one process to a socket on the other, both ways', async () => {
    const onOne = await connect(one.ws, alice.token, roomId);
    const onTwo = await connect(two.ws, bob.token, roomId);
    await onOne.next((frame) => frame.type === 'user_joined' && frame.user_id === bob.id);
    onOne.send({ type: 'message', content: 'from one' });
    const received = await onTwo.next((frame) => frame.type === 'message' && frame.content === 'from one');
    assert.equal(received.user_id, alice.id);
    onTwo.send({ type: 'message', content: 'from two' });
    await onOne.next((frame) => frame.type === 'message' && frame.content === 'from two');
    // Presence is shared: each process sees the other's sockets.
    assert.equal((await presenceOf(one, bob.id)).online, true);
    assert.equal((await presenceOf(two, alice.id)).online, true);
    await onOne.close();
    await onTwo.close();
  });

  it('forgets the users of a killed process once their presence expires', async () => {
    const onTwo = await connect(two.ws, bob.token, roomId);
    await onTwo.next((frame) => frame.type === 'user_joined' && frame.user_id === bob.id);
    assert.equal((await presenceOf(one, bob.id)).online, true);
    two.child.kill('SIGKILL');
    await onTwo.closed;
    await eventually(async () => (await presenceOf(one, bob.id)).online === false);
  });
});
