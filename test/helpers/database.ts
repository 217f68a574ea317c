// A fresh, migrated database per test file: under PGlite a copy of a dumped template data dir;
// under PostgreSQL `CREATE DATABASE ... TEMPLATE`. scripts/test.ts builds the templates once.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

import pg from 'pg';

import type { DatabaseHandle } from '../../src/platform/db/index.ts';
import { createDatabase } from '../../src/platform/db/index.ts';

export const PGLITE_TEMPLATE_ENV = 'LECTERN_TEST_PGLITE_TEMPLATE';
export const PG_TEMPLATE_ENV = 'LECTERN_TEST_PG_TEMPLATE';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The copy's connection string (PostgreSQL only), for tests that start Lectern processes on it. */
  url?: string;
  /** Drops the per-file database (PostgreSQL); PGlite copies vanish with the process. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env['DATABASE_URL'];
  if (url) return createPostgresCopy(url);
  const template = process.env[PGLITE_TEMPLATE_ENV];
  const loadDataDir = template && existsSync(template) ? new Blob([readFileSync(template)]) : undefined;
  const handle = await createDatabase({ kind: 'pglite', ...(loadDataDir ? { loadDataDir } : {}) });
  return { handle, dispose: async () => undefined };
}

async function createPostgresCopy(url: string): Promise<TestDatabase> {
  const template = process.env[PG_TEMPLATE_ENV];
  const name = `lectern_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await createDatabase({ kind: 'postgres', url: target.toString(), poolSize: 10 });
  return {
    handle,
    url: target.toString(),
    async dispose() {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
