// A real `lectern serve` child process on a spare port, for fault tests that send it signals or
// take its database away. Its database is a fresh copy of the test template (PostgreSQL) or a
// fresh PGlite directory it migrates itself, unless the test hands in DATABASE_URL.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

import { testEnv } from '../helpers/app.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { sparePort } from './servers.ts';

export interface LecternProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Everything the process wrote (JSON log lines), for assertions and failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export async function startLecternProcess(env: Record<string, string | undefined> = {}): Promise<LecternProcess> {
  const port = await sparePort();
  let dispose = async () => {};
  let databaseUrl = env['DATABASE_URL'];
  if (!('DATABASE_URL' in env) && process.env['DATABASE_URL']) {
    const database = await createTestDatabase();
    await database.handle.close();
    databaseUrl = database.handle.url;
    dispose = database.dispose;
  }
  const settings = testEnv({
    LOG_LEVEL: 'info',
    ...env,
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
  });
  const child = spawn(process.execPath, ['src/main.ts', 'serve'], {
    env: { PATH: process.env['PATH'], ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`lectern exited at start-up:\n${output}`);
    const up = await fetch(`${url}/api/v1/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`lectern did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      await dispose();
      rmSync(settings['DATA_DIR']!, { recursive: true, force: true });
    },
  };
}
