// Throw-away servers for fault tests: a redis-server and a PostgreSQL cluster of the test's own
// on spare ports, which the test may kill and restart (never the shared ones).
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

export async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function portOpen(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface RedisServer {
  url: string;
  /** SIGSTOP / SIGCONT: Redis stalls (commands wait on open connections) and then answers them. */
  pause(): void;
  resume(): void;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await sparePort();
  const dir = mkdtempSync(join(tmpdir(), 'lectern-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    await waitFor(() => portOpen(port), 'redis-server');
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    kill,
    restart: start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication, loopback only). */
  url: string;
  port: number;
  /** Kills the whole server (postmaster and backends, one process group) with `signal`. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and data directory (crash recovery included). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const postgresBin = (() => {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('no PostgreSQL under /usr/lib/postgresql');
  return join('/usr/lib/postgresql', versions[0]!, 'bin');
})();

/**
 * A PostgreSQL cluster of the test's own on a spare port. PostgreSQL refuses to run as root, so
 * initdb and the server run as the `postgres` user in a temp dir it owns.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const port = await sparePort();
  const dir = mkdtempSync(join(tmpdir(), 'lectern-pg-'));
  const dataDir = join(dir, 'data');
  const { uid, gid } = (() => {
    const [user, group] = ['-u', '-g'].map((flag) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()),
    );
    return { uid: user!, gid: group! };
  })();
  chownSync(dir, uid, gid);
  execFileSync(
    'runuser',
    [
      '-u',
      'postgres',
      '--',
      join(postgresBin, 'initdb'),
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
    ],
    { stdio: 'ignore' },
  );
  let child: ChildProcess | undefined;
  const start = async () => {
    // Its own process group (detached), so kill() takes the backends down with the postmaster.
    child = spawn(
      join(postgresBin, 'postgres'),
      [
        ...['-D', dataDir, '-p', String(port), '-k', dir],
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=50'],
      ],
      { uid, gid, detached: true, stdio: 'ignore' },
    );
    await waitFor(() => postgresAccepts(port), 'PostgreSQL');
  };
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const running = child;
    if (!running?.pid || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    process.kill(-running.pid, signal);
    await exited;
    // Backends of a killed postmaster leave on their own; wait until nothing holds the port.
    await waitFor(async () => !(await portOpen(port)), 'PostgreSQL shutdown');
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    kill,
    restart: start,
    async stop() {
      await kill('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresAccepts(port: number): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
