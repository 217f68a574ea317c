// Runs `lectern <command>` as a real child process against a database of its own: a fresh
// DATA_DIR (embedded PGlite) or, under DATABASE_URL, a fresh PostgreSQL database.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import { PG_TEMPLATE_ENV } from '../helpers/database.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliDatabase {
  env: Record<string, string | undefined>;
  run(args: string[], extraEnv?: Record<string, string>): Promise<CliRun>;
  dispose(): Promise<void>;
}

export async function createCliDatabase(): Promise<CliDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-cli-'));
  const env: Record<string, string | undefined> = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL: 'http://lectern.test',
  };
  const baseUrl = process.env['DATABASE_URL'];
  let name: string | undefined;
  if (baseUrl) {
    name = `lectern_cli_${randomBytes(6).toString('hex')}`;
    const template = process.env[PG_TEMPLATE_ENV];
    await adminQuery(baseUrl, template ? `create database ${name} template ${template}` : `create database ${name}`);
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    env['DATABASE_URL'] = url.toString();
  }
  return {
    env,
    run: (args, extraEnv = {}) =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          ['src/main.ts', ...args],
          { env: { ...env, ...extraEnv }, maxBuffer: 10 * 1024 * 1024 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
      }),
    async dispose() {
      if (baseUrl && name) await adminQuery(baseUrl, `drop database if exists ${name} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
