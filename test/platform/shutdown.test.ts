// `lectern serve` as a real process: prints its Node version, serves, and on SIGTERM drains the
// request in flight before exiting cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { createTestDatabase } from '../helpers/database.ts';
import { uniqueEmail } from '../helpers/factories.ts';

describe('lectern serve process', () => {
  it('drains an in-flight request on SIGTERM and exits 0', { timeout: 90_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lectern-shutdown-'));
    // On PostgreSQL a database of its own, never the shared one (its migrations are this tree's).
    const database = process.env['DATABASE_URL'] ? await createTestDatabase() : undefined;
    await database?.handle.close();
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, ['src/main.ts', 'serve'], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database?.handle.url ?? '',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 60_000;
      while (!output.includes('lectern listening')) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.match(output, /"node":"v24\./);
      const inFlight = fetch(`http://127.0.0.1:${port}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: uniqueEmail(), password: 'Shutdown-Pass-1', full_name: 'In Flight' }),
      });
      // Signal once the server has the request (it logs each one it receives).
      const received = Date.now() + 10_000;
      while (!output.includes('/api/v1/auth/register') && Date.now() < received) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      child.kill('SIGTERM');
      const response = await inFlight;
      assert.equal(response.status, 201);
      assert.equal(await exited, 0);
      assert.match(output, /shutting down/);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      await database?.dispose();
    }
  });
});
