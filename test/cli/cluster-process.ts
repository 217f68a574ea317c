// `lectern serve --workers N` as a real child process on a spare port, with its JSON log lines
// parsed: which process served a request is read from the log (each line carries its `pid`,
// request lines their `reqId`, which a client chooses with `X-Request-Id`).
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sparePort } from '../faults/servers.ts';
import { eventually } from '../helpers/events.ts';

export interface LogLine {
  pid: number;
  msg?: string;
  reqId?: string;
  worker?: number;
  [key: string]: unknown;
}

export interface ClusterProcess {
  http: string;
  ws: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  lines(): LogLine[];
  output(): string;
  /** The pids whose log mentions these request ids. */
  pidsOf(requestIds: string[]): Set<number>;
  stop(): Promise<void>;
}

/** Starts the CLI and resolves once the primary logs that every worker listens (or the process exits). */
export async function startCluster(args: string[], env: Record<string, string | undefined>): Promise<ClusterProcess> {
  const port = await sparePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-cluster-'));
  const { NODE_TEST_CONTEXT: _runner, ...inherited } = process.env;
  const child = spawn(process.execPath, ['src/main.ts', 'serve', ...args], {
    env: {
      ...inherited,
      DATA_DIR: dataDir,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PUBLIC_URL: 'http://lectern.test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      REDIS_KEY_PREFIX: `lectern-cluster-${randomBytes(4).toString('hex')}:`,
      RATE_LIMIT_AUTH_PER_MINUTE: '100000',
      RATE_LIMIT_API_PER_HOUR: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  const started: ClusterProcess = {
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}`,
    child,
    exited,
    lines,
    output: () => output,
    pidsOf: (ids) => new Set(lines().flatMap((line) => (line.reqId && ids.includes(line.reqId) ? [line.pid] : []))),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // Each worker loads the whole application: generous on a loaded machine.
  await eventually(
    () => child.exitCode !== null || lines().some((line) => line.msg === 'lectern listening with every worker'),
    240_000,
  );
  return started;
}
