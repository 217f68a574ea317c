// `npm test`: builds a migrated template database once, then runs every test file in parallel
// with node's test runner, each file on its own copy (PGlite by default; PostgreSQL + Redis when
// DATABASE_URL / REDIS_URL are set). Unit tests (test/unit) need no database: given alone (as by
// `npm run test:unit`), they run without building the template.
import { spawnSync } from 'node:child_process';
import { globSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, normalize, sep } from 'node:path';

import pg from 'pg';

import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { DatabaseHandle } from '../src/platform/db/index.ts';
import { createDatabase } from '../src/platform/db/index.ts';
import { testEnv } from '../test/helpers/app.ts';
import { PG_TEMPLATE_ENV, PGLITE_TEMPLATE_ENV } from '../test/helpers/database.ts';

const args = process.argv.slice(2);
const files = args.length > 0 ? args : globSync('test/**/*.test.ts').sort();
const databaseUrl = process.env['DATABASE_URL'];
const env: NodeJS.ProcessEnv = { ...process.env };

console.log(
  `node ${process.version}; database: ${databaseUrl ? 'PostgreSQL' : 'PGlite'}; redis: ${process.env['REDIS_URL'] ? 'yes' : 'no'}; ${files.length} files`,
);

/** Migrates a database and installs the job queue's schema: everything a test file expects. */
async function prepare(database: DatabaseHandle): Promise<void> {
  const lectern = await createLectern(loadConfig(testEnv()), { database, work: false });
  await lectern.app.close();
  await lectern.queue.stop();
}

const needsDatabase = files.some((file) => !normalize(file).startsWith(`test${sep}unit${sep}`));
let dropTemplate: (() => Promise<void>) | undefined;
const started = Date.now();
if (!needsDatabase) {
  console.log('unit tests only: no template database');
} else if (databaseUrl) {
  const name = `lectern_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  await prepare(database);
  await database.close();
  env[PG_TEMPLATE_ENV] = name;
  dropTemplate = async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
} else {
  const database = await createDatabase({ kind: 'pglite' });
  await prepare(database);
  const dump = await database.pglite!.dumpDataDir('none');
  mkdirSync('.tmp', { recursive: true });
  const file = join('.tmp', `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  env[PGLITE_TEMPLATE_ENV] = file;
}
if (needsDatabase) console.log(`template ready in ${Date.now() - started} ms`);

const concurrency = Number(process.env['TEST_CONCURRENCY'] ?? Math.max(2, availableParallelism()));
const result = spawnSync(
  process.execPath,
  ['--test', `--test-concurrency=${concurrency}`, '--test-timeout=120000', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env },
);
await dropTemplate?.();
process.exit(result.status ?? 1);
