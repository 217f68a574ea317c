// Starts a whole Lectern (every module and surface) on a fresh database for one test file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

import type { Lectern, LecternOptions } from '../../src/app.ts';
import { createLectern } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { TestClock } from './clock.ts';
import { createTestClock } from './clock.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp extends Lectern {
  clock: TestClock;
  dataDir: string;
}

/** Settings every test app gets; a file overrides what it tests (rate limits, SMTP...). */
export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    DATA_DIR: mkdtempSync(join(tmpdir(), 'lectern-test-')),
    JWT_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL: 'http://lectern.test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env['DATABASE_URL'],
    REDIS_URL: process.env['REDIS_URL'],
    REDIS_KEY_PREFIX: `lectern-test-${randomBytes(4).toString('hex')}:`,
    RATE_LIMIT_AUTH_PER_MINUTE: '100000',
    RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '100000',
    RATE_LIMIT_API_PER_HOUR: '1000000',
    RATE_LIMIT_CHAT_PER_MINUTE: '100000',
    RATE_LIMIT_INGEST_PER_MINUTE: '100000',
    RATE_LIMIT_UPLOADS_PER_HOUR: '100000',
    RATE_LIMIT_ENVELOPE_PER_MINUTE: '100000',
    ...overrides,
  };
}

/**
 * A Lectern on a fresh database, closed (and its database dropped) after the file's tests.
 * Call it at the top level of a test file (`const lectern = await startTestApp()`), so the
 * clean-up hook belongs to the whole file.
 */
export async function startTestApp(
  envOverrides: Record<string, string | undefined> = {},
  options: Pick<LecternOptions, 'beforeStart' | 'logger'> = {},
): Promise<TestApp> {
  const env = testEnv(envOverrides);
  const config = loadConfig(env);
  const database = await createTestDatabase();
  const clock = createTestClock();
  const lectern = await createLectern(config, { database: database.handle, clock, ...options });
  const dataDir = env['DATA_DIR']!;
  after(async () => {
    await lectern.close();
    await database.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return Object.assign(lectern, { clock, dataDir });
}
